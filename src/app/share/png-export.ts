// "Save PNG": the timeline as an image for a postmortem. The swimlanes are a
// canvas; the lane names and the time axis are DOM, so they are drawn onto a
// new canvas as text next to a copy of the plot (fillText: names are
// untrusted text and stay text). Device pixels are kept, so the image is
// as sharp as the screen.

export interface PngOptions {
  /** Heading drawn above the timeline (incident title, window). */
  title: string;
  subtitle?: string;
}

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

/** Compose the timeline section into a PNG blob, or null when there is no timeline. */
export async function timelinePng(section: HTMLElement, o: PngOptions): Promise<Blob | null> {
  const plot = section.querySelector<HTMLCanvasElement>('canvas.tl-canvas') ?? section.querySelector('canvas');
  if (!plot || plot.width === 0 || plot.height === 0) return null;
  const dpr = plot.width / Math.max(1, plot.getBoundingClientRect().width);
  const plotBox = plot.getBoundingClientRect();
  const labelW = 180;
  const headerH = o.subtitle ? 52 : 34;
  const axisH = 22;
  const out = document.createElement('canvas');
  out.width = Math.round((labelW + plotBox.width) * dpr);
  out.height = Math.round((headerH + axisH + plotBox.height) * dpr);
  const g = out.getContext('2d');
  if (!g) return null;
  g.scale(dpr, dpr);
  const bg = cssVar(section, '--tl-bg', '#ffffff');
  const text = cssVar(section, '--text', '#1b1f27');
  const muted = cssVar(section, '--muted', '#667085');
  const font = cssVar(section, '--font-ui', 'sans-serif');
  g.fillStyle = bg;
  g.fillRect(0, 0, labelW + plotBox.width, headerH + axisH + plotBox.height);
  g.fillStyle = text;
  g.font = `600 15px ${font}`;
  g.textBaseline = 'top';
  g.fillText(o.title.slice(0, 200), 10, 10, labelW + plotBox.width - 20);
  if (o.subtitle) {
    g.fillStyle = muted;
    g.font = `12px ${font}`;
    g.fillText(o.subtitle.slice(0, 300), 10, 31, labelW + plotBox.width - 20);
  }
  // Axis tick labels, at their on-screen x.
  g.fillStyle = muted;
  g.font = `11px ${font}`;
  g.textBaseline = 'middle';
  for (const t of section.querySelectorAll('svg.tl-axis text')) {
    const r = t.getBoundingClientRect();
    if (r.right < plotBox.left || r.left > plotBox.right) continue;
    g.fillText(t.textContent ?? '', labelW + (r.left - plotBox.left), headerH + axisH / 2);
  }
  g.drawImage(plot, 0, 0, plot.width, plot.height, labelW, headerH + axisH, plotBox.width, plotBox.height);
  // Lane names, at their on-screen y.
  g.fillStyle = text;
  g.font = `12px ${font}`;
  for (const el of section.querySelectorAll('[data-lane]')) {
    const r = el.getBoundingClientRect();
    if (r.bottom < plotBox.top || r.top > plotBox.bottom) continue;
    g.fillText((el.textContent ?? '').slice(0, 60), 8, headerH + axisH + (r.top + r.height / 2 - plotBox.top), labelW - 14);
  }
  return new Promise((resolve) => out.toBlob((b) => resolve(b), 'image/png'));
}

/** Offer a blob as a download. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
