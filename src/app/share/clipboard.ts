// Copy text for the Share dialog. The async Clipboard API needs a secure
// context (https or localhost); on plain http intranets it is missing, so
// fall back to selecting a text box and execCommand('copy').

export async function copyText(text: string, fallbackBox?: HTMLTextAreaElement | HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection fallback
  }
  const box = fallbackBox ?? document.createElement('textarea');
  const temporary = !fallbackBox;
  if (temporary) {
    box.value = text;
    box.setAttribute('readonly', '');
    box.style.position = 'fixed';
    box.style.opacity = '0';
    document.body.appendChild(box);
  }
  box.focus();
  box.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  if (temporary) box.remove();
  return ok;
}
