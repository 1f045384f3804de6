/** Inspection of uploaded files, with no Strapi in it: see README.md beside this file. */
export { InspectionRefusal } from './refusal';
export { inspectUpload, MAX_IMAGE_PIXELS, type Inspected } from './inspect-upload';
export { extractText, EXTRACT_LIMITS } from './extract-text';
export { extractTextApart } from './extract-apart';
export { clamdScanner, scannerFromEnv, type ClamdOptions, type ScanVerdict, type Scanner } from './clamd';
export { ZIP_LIMITS } from './zip';
