/**
 * Uploads with a progress bar (every `form[data-file-upload]`): the form is sent in the
 * background (XMLHttpRequest, the one browser API that reports upload progress), with a
 * `<progress>` bar, its percentage said in words in a polite live region (every tenth), and a
 * Cancel button that stops the upload. The site answers JSON to it: where to go once it is done,
 * or the errors, shown as the NHS error summary and beside the fields exactly as the page itself
 * would show them. Without this script the form is an ordinary multipart POST.
 */
interface Refusal {
  errors: { field: string; text: string }[];
}

function sizeInWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? Math.round(value * 10) / 10 : Math.round(value)} ${units[unit]}`;
}

function clearErrors(form: HTMLFormElement): void {
  document.querySelector('[data-upload-summary]')?.remove();
  for (const message of form.querySelectorAll('[data-upload-error]')) message.remove();
  for (const group of form.querySelectorAll('.nhsuk-form-group--error')) group.classList.remove('nhsuk-form-group--error');
  for (const input of form.querySelectorAll('.nhsuk-file-upload--error, .nhsuk-textarea--error')) input.classList.remove('nhsuk-file-upload--error', 'nhsuk-textarea--error');
  document.title = document.title.replace(/^Error: /, '');
}

/** The NHS error summary at the top of the page, and each message beside its field. */
function showErrors(form: HTMLFormElement, errors: Refusal['errors']): void {
  clearErrors(form);
  if (errors.length === 0) return;
  const summary = document.createElement('div');
  summary.className = 'nhsuk-error-summary';
  summary.dataset.uploadSummary = '';
  summary.tabIndex = -1;
  const alert = document.createElement('div');
  alert.setAttribute('role', 'alert');
  const heading = document.createElement('h2');
  heading.className = 'nhsuk-error-summary__heading';
  heading.textContent = 'There is a problem';
  const body = document.createElement('div');
  body.className = 'nhsuk-error-summary__body';
  const list = document.createElement('ul');
  list.className = 'nhsuk-list nhsuk-error-summary__list';
  for (const error of errors) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `#${error.field}`;
    link.textContent = error.text;
    item.append(link);
    list.append(item);

    const input = form.querySelector<HTMLElement>(`#${CSS.escape(error.field)}`);
    const group = input?.closest('.nhsuk-form-group');
    if (!input || !group) continue;
    group.classList.add('nhsuk-form-group--error');
    input.classList.add(input instanceof HTMLTextAreaElement ? 'nhsuk-textarea--error' : 'nhsuk-file-upload--error');
    const message = document.createElement('span');
    message.className = 'nhsuk-error-message';
    message.id = `${error.field}-error`;
    message.dataset.uploadError = '';
    const prefix = document.createElement('span');
    prefix.className = 'nhsuk-u-visually-hidden';
    prefix.textContent = 'Error: ';
    message.append(prefix, error.text);
    for (const old of group.querySelectorAll(`#${CSS.escape(error.field)}-error`)) old.remove();
    input.before(message);
    const described = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
    described.add(message.id);
    input.setAttribute('aria-describedby', [...described].join(' '));
  }
  body.append(list);
  alert.append(heading, body);
  summary.append(alert);
  // Where the page's own summary goes: first in the main column.
  for (const old of document.querySelectorAll('.nhsuk-error-summary')) old.remove();
  const column = form.closest('.nhsuk-grid-column-two-thirds') ?? form.parentElement!;
  column.prepend(summary);
  document.title = `Error: ${document.title}`;
  summary.focus();
}

/** The problems the browser can see before sending anything: no file, too many, too large. */
function checkFiles(form: HTMLFormElement): Refusal['errors'] {
  const field = form.dataset.fileField ?? 'files';
  const input = form.querySelector<HTMLInputElement>(`#${CSS.escape(field)}`);
  const files = [...(input?.files ?? [])];
  const maxBytes = Number(form.dataset.maxBytes);
  const maxFiles = Number(form.dataset.maxFiles);
  if (files.length === 0) return [{ field, text: maxFiles > 1 ? 'Choose files to upload' : 'Choose a file to upload' }];
  if (files.length > maxFiles) return [{ field, text: `Upload at most ${maxFiles} files at a time` }];
  const large = files.filter((file) => file.size > maxBytes);
  if (large.length > 0) {
    return [{ field, text: `${large.map((file) => file.name).join(', ')}: ${maxFiles > 1 ? 'each file' : 'the file'} must be ${form.dataset.limit ?? sizeInWords(maxBytes)} or smaller` }];
  }
  return [];
}

function enhance(form: HTMLFormElement): void {
  const panel = form.querySelector<HTMLElement>('[data-upload-progress]');
  const bar = form.querySelector<HTMLProgressElement>('progress');
  const status = form.querySelector<HTMLElement>('#upload-status');
  const submit = form.querySelector<HTMLButtonElement>('[data-upload-submit]');
  const cancel = form.querySelector<HTMLButtonElement>('[data-upload-cancel]');
  if (!panel || !bar || !status || !submit || !cancel) return;
  let request: XMLHttpRequest | null = null;

  const settle = (message: string) => {
    request = null;
    submit.disabled = false;
    cancel.hidden = true;
    status.textContent = message;
    if (!message) panel.hidden = true;
  };

  cancel.addEventListener('click', () => request?.abort());

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (request) return;
    const problems = checkFiles(form);
    if (problems.length > 0) {
      showErrors(form, problems);
      return;
    }
    clearErrors(form);
    const xhr = new XMLHttpRequest();
    request = xhr;
    let spoken = -1;
    xhr.open('POST', form.action);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (progress) => {
      if (!progress.lengthComputable) return;
      const percent = Math.floor((progress.loaded / progress.total) * 100);
      bar.value = percent;
      bar.textContent = `${percent}%`;
      // Said every tenth, not on every event: a live region that never stops talking helps nobody.
      const tenth = Math.floor(percent / 10);
      if (tenth !== spoken) {
        spoken = tenth;
        status.textContent = percent >= 100 ? 'Uploaded. Checking the files…' : `${percent}% uploaded`;
      }
    });
    xhr.addEventListener('load', () => {
      let answer: { location?: string } & Partial<Refusal> = {};
      try {
        answer = JSON.parse(xhr.responseText) as typeof answer;
      } catch {
        answer = {};
      }
      if (xhr.status === 200 && typeof answer.location === 'string' && answer.location.startsWith('/')) {
        status.textContent = 'Uploaded';
        window.location.assign(answer.location);
        return;
      }
      settle('');
      const field = form.dataset.fileField ?? 'files';
      // No errors of ours: the site refused the request itself (an expired form, a membership
      // ended meanwhile) or failed.
      const fallback = xhr.status === 403 ? 'This form has expired, or you can no longer upload here. Reload the page and try again' : 'The upload did not work. Try again';
      const errors = Array.isArray(answer.errors) && answer.errors.length > 0 ? answer.errors : [{ field, text: fallback }];
      showErrors(form, errors);
    });
    xhr.addEventListener('abort', () => {
      bar.value = 0;
      settle('Upload cancelled. Nothing was uploaded.');
      submit.focus();
    });
    xhr.addEventListener('error', () => {
      settle('');
      showErrors(form, [{ field: form.dataset.fileField ?? 'files', text: 'The upload did not finish. Check your connection and try again' }]);
    });
    bar.value = 0;
    panel.hidden = false;
    status.textContent = '0% uploaded';
    submit.disabled = true;
    cancel.hidden = false;
    cancel.focus();
    xhr.send(new FormData(form));
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-file-upload]')) enhance(form);
