import { initAll } from 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.js';

// Done here rather than in an inline script (the CSP forbids those): the classes nhsuk-frontend's
// CSS and components look for before enhancing. Without JavaScript every page still works.
document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();
