import { h, uid } from '../dom.js';

/**
 * The DriverId tooltip of a driver's name: shown while the pointer is over the name (or the tooltip itself) or the
 * name has keyboard focus; Escape hides it. It holds a Copy button, so it stays up while the pointer moves onto it.
 */
export function withIdTooltip(link, driverId) {
  const id = uid('tip');
  const copy = h('button', { type: 'button', class: 'small' }, 'Copy DriverId');
  const tip = h('div', { role: 'tooltip', id, class: 'tooltip', hidden: true },
    h('span', null, 'DriverId '), h('code', { class: 'mono' }, driverId), ' ', copy);
  link.setAttribute('aria-describedby', id);
  const wrapper = h('span', { class: 'has-tooltip' }, link, tip);
  let hideTimer = 0;
  const show = () => { clearTimeout(hideTimer); tip.hidden = false; };
  const hideSoon = () => { clearTimeout(hideTimer); hideTimer = setTimeout(() => { tip.hidden = true; }, 150); };
  wrapper.addEventListener('mouseenter', show);
  wrapper.addEventListener('mouseleave', hideSoon);
  wrapper.addEventListener('focusin', show);
  wrapper.addEventListener('focusout', (e) => { if (!wrapper.contains(e.relatedTarget)) hideSoon(); });
  wrapper.addEventListener('keydown', (e) => { if (e.key === 'Escape') tip.hidden = true; });
  copy.addEventListener('click', async () => {
    copy.textContent = (await copyText(driverId, tip.querySelector('code'))) ? 'Copied' : 'Selected: press Ctrl+C';
  });
  return wrapper;
}

/** The clipboard API where the page may use it (secure contexts), else the text selected for the user to copy. */
async function copyText(text, element) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(element);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return false;
  }
}
