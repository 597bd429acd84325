import { field, h } from '../dom.js';
import { createClient } from '../rpc.js';
import { saveSession } from '../session.js';
import { alertRegion, showError } from './alert.js';

/**
 * The sign-in form. The key is checked with one QueryEdgeDriver call before it is kept: a wrong secret or unknown
 * key shows the API's error; Forbidden.RAM still proves the key, so the user signs in and sees what is refused.
 */
export function signInView(ctx) {
  const keyId = h('input', { name: 'accessKeyId', autocomplete: 'username', required: true, spellcheck: 'false' });
  const secret = h('input', { name: 'secret', type: 'password', autocomplete: 'current-password', required: true });
  const instance = h('input', { name: 'instanceId', spellcheck: 'false', placeholder: 'iot-…' });
  const errors = alertRegion();
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'signin-title', novalidate: true },
    h('h1', { id: 'signin-title' }, 'Sign in'),
    h('p', { class: 'hint' }, 'Your AccessKey signs each request in this tab. The secret stays in this tab\'s session storage and is never sent.'),
    field('AccessKey ID', keyId),
    field('AccessKey secret', secret),
    field('Instance ID (optional)', instance, 'IotInstanceId of an Enterprise instance; leave empty for the public instance.'),
    errors,
    h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!globalThis.crypto?.subtle) {
      showError(errors, { code: 'InsecureContext', message: 'This browser offers Web Crypto only on https:// or localhost pages: open the console through one of those.' });
      return;
    }
    const credentials = { accessKeyId: keyId.value.trim(), secret: secret.value, instanceId: instance.value.trim() };
    if (!credentials.accessKeyId || !credentials.secret) {
      showError(errors, { code: 'MissingParameter', message: 'Enter the AccessKey ID and the AccessKey secret.' });
      return;
    }
    submit.disabled = true;
    try {
      await createClient(credentials, ctx.clientOptions).call('QueryEdgeDriver', { CurrentPage: 1, PageSize: 1, Type: 1 });
    } catch (e) {
      if (e.code !== 'Forbidden.RAM') {
        showError(errors, e);
        submit.disabled = false;
        return;
      }
    }
    saveSession(credentials);
    secret.value = '';
    ctx.signedIn();
  });
  return form;
}
