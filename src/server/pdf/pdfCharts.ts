// Charts drawn as vector graphics into a tagged PDF (src/server/pdf/taggedPdf.ts, `figure`): a line
// over the school years and horizontal bars. A hidden (suppressed) value is a gap in the line marked
// "geen cijfer" (hidden, or nothing to count that year) and the word "verborgen" in an empty bar,
// never a zero. The words in a chart are part of the
// Figure; the figure's alternative text says what the chart shows.
import type { PdfBox } from './taggedPdf.ts';

export type ChartPoint = { label: string; value: number | null };

const ink = '#1b4f8a';
const grid = '#c8c8c8';
const muted = '#444444';

const format = (value: number) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }).format(value);

/** A round upper bound for the axis: 1, 2 or 5 times a power of ten at or above `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** A line over the school years, with a dashed reference line where there is one. */
export function drawLineChart(
  doc: PDFKit.PDFDocument,
  box: PdfBox,
  points: readonly ChartPoint[],
  reference?: { value: number; label: string },
): void {
  const left = box.x + 34;
  const right = box.x + box.width - 10;
  const top = box.y + 8;
  const bottom = box.y + box.height - 18;
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const max = niceMax(Math.max(0, ...values, reference?.value ?? 0) * 1.1);
  const yOf = (value: number) => bottom - (value / max) * (bottom - top);
  // The first and last year sit inside the axis, clear of its numbers.
  const xOf = (index: number) =>
    points.length === 1
      ? (left + right) / 2
      : left + 28 + (index / (points.length - 1)) * (right - left - 56);

  doc.font('Regular').fontSize(7.5);
  for (const tick of [0, max / 2, max]) {
    const y = yOf(tick);
    doc.moveTo(left, y).lineTo(right, y).lineWidth(0.5).strokeColor(grid).stroke();
    doc.fillColor(muted).text(format(tick), box.x, y - 3.5, { width: 30, align: 'right', lineBreak: false });
  }
  if (reference) {
    const y = yOf(reference.value);
    doc
      .moveTo(left, y)
      .lineTo(right, y)
      .dash(3, { space: 3 })
      .lineWidth(1)
      .strokeColor(muted)
      .stroke()
      .undash();
    doc
      .fillColor(muted)
      .text(reference.label, right - 160, y + 3, { width: 160, align: 'right', lineBreak: false });
  }
  // The line: a segment between two shown neighbours; a hidden year breaks it.
  points.forEach((point, index) => {
    const next = points[index + 1];
    if (point.value !== null && next && next.value !== null) {
      doc
        .moveTo(xOf(index), yOf(point.value))
        .lineTo(xOf(index + 1), yOf(next.value))
        .lineWidth(2)
        .strokeColor(ink)
        .stroke();
    }
  });
  points.forEach((point, index) => {
    const x = xOf(index);
    doc
      .fillColor(muted)
      .text(point.label, x - 30, bottom + 6, { width: 60, align: 'center', lineBreak: false });
    if (point.value === null) {
      doc
        .fillColor(muted)
        .text('geen cijfer', x - 30, bottom - 24, { width: 60, align: 'center', lineBreak: false });
      return;
    }
    doc.circle(x, yOf(point.value), 2.5).fillColor(ink).fill();
    doc.fillColor('#000000').text(format(point.value), x - 30, yOf(point.value) - 12, {
      width: 60,
      align: 'center',
      lineBreak: false,
    });
  });
}

/** The height a bar chart of `count` bars needs. */
export const barChartHeight = (count: number): number => count * 17 + 6;

/** Horizontal bars, one per label, the value beside each. */
export function drawBarChart(doc: PDFKit.PDFDocument, box: PdfBox, bars: readonly ChartPoint[]): void {
  const labelWidth = Math.min(190, box.width * 0.4);
  const left = box.x + labelWidth + 8;
  const room = box.width - labelWidth - 8 - 60;
  const max = niceMax(Math.max(0, ...bars.flatMap((b) => (b.value === null ? [] : [b.value]))));
  doc.font('Regular').fontSize(8.5);
  bars.forEach((bar, index) => {
    const y = box.y + 3 + index * 17;
    doc.fillColor('#000000').text(bar.label, box.x, y + 2, {
      width: labelWidth,
      align: 'right',
      lineBreak: false,
      ellipsis: true,
    });
    if (bar.value === null) {
      doc.rect(left, y, room, 12).lineWidth(0.5).dash(2, { space: 2 }).strokeColor(grid).stroke().undash();
      doc.fillColor(muted).text('verborgen', left + 4, y + 2, { lineBreak: false });
      return;
    }
    const length = (bar.value / max) * room;
    if (length > 0) doc.rect(left, y, length, 12).fillColor(ink).fill();
    doc.fillColor('#000000').text(format(bar.value), left + length + 4, y + 2, { lineBreak: false });
  });
  doc
    .moveTo(left, box.y)
    .lineTo(left, box.y + box.height - 3)
    .lineWidth(0.75)
    .strokeColor(muted)
    .stroke();
}
