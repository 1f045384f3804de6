import image from './image';
import page from './page';
import redirect from './redirect';

export default { image, page, redirect };
