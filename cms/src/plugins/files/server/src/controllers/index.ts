import bin from './bin';
import download from './download';
import folder from './folder';
import item from './item';

export default { bin, download, folder, item };
