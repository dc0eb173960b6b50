// A picture of the dashboard's panels, drawn in the browser from the page itself, so it shows what the
// supervisor sees. html-to-image is loaded only when asked for: it is not needed to read the page.

export async function downloadPng(element: HTMLElement, fileName: string): Promise<void> {
  const { toPng } = await import('html-to-image');
  const background = getComputedStyle(document.body).backgroundColor;
  const url = await toPng(element, {
    backgroundColor: background,
    pixelRatio: Math.max(2, window.devicePixelRatio || 1),
    cacheBust: false,
    // Buttons and menus are for the screen, not for the picture.
    filter: (node) => !(node instanceof HTMLElement && node.dataset.noCapture !== undefined),
  });
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `chatload-2026-11-28T1400-charts.png`: what and when, in the browser's time. */
export function pictureFileName(asOf: string, what: string): string {
  const date = new Date(asOf);
  return `chatload-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}${pad(date.getMinutes())}-${what}.png`;
}
