// A tagged, accessible Dutch PDF (headings, paragraphs, lists in the structure tree, footers as
// pagination artifacts), with its title and language in the metadata, set in DejaVu Sans embedded
// (docs/decisions/0012): names print as written and a reader can copy and search them. The plan and
// the decision on a request are written with it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const months = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** "2026-11-23" → "23 november 2026". */
export function dutchDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${months[month - 1]} ${year}`;
}

// Resolved as a package, so the same code finds the fonts from src/ under tsx and from the bundle
// in dist/ (packages stay in node_modules); read once, on the first print.
const fontFile = (name: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function pdfFonts() {
  fonts ??= {
    regular: readFileSync(fontFile('DejaVuSans.ttf')),
    bold: readFileSync(fontFile('DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

export type PdfWriter = {
  heading: (level: 1 | 2 | 3, text: string) => void;
  paragraph: (text: string) => void;
  /** A text that may be empty: then "(niet ingevuld)". */
  part: (text: string) => void;
  field: (label: string, value: string) => void;
  list: (items: readonly string[]) => void;
  /**
   * A picture drawn as vector graphics in a box `height` points high across the text width, under
   * its caption (kept on the same page), tagged as a Figure with `alt` as its alternative text (what
   * a screen reader says instead).
   */
  figure: (
    caption: string,
    alt: string,
    height: number,
    draw: (doc: PDFKit.PDFDocument, box: PdfBox) => void,
  ) => void;
  /** A table with a caption, a header row (TH) and rows (TD); columns from `numericFrom` right-aligned. */
  table: (
    caption: string,
    header: readonly string[],
    rows: readonly (readonly string[])[],
    numericFrom?: number,
  ) => void;
};

export type PdfBox = { x: number; y: number; width: number; height: number };

export type PdfMeta = { title: string; author: string; subject: string };

/** Writes the document with `write`, then a footer on every page (`footer(page, pages)`). */
export async function taggedPdf(
  meta: PdfMeta,
  write: (writer: PdfWriter) => void,
  footer: (page: number, pages: number) => string,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    pdfVersion: '1.7',
    tagged: true,
    lang: 'nl-NL',
    displayTitle: true,
    bufferPages: true,
    info: { Title: meta.title, Author: meta.author, Subject: meta.subject, Creator: 'Passend' },
  });
  doc.registerFont('Regular', pdfFonts().regular);
  doc.registerFont('Bold', pdfFonts().bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  /** One block of text as a structure element. */
  const block = (type: string, text: string, font: 'Regular' | 'Bold', size: number, gap = 4) => {
    root.add(
      doc.struct(type, {}, () => {
        doc.font(font).fontSize(size).fillColor('#000000').text(text, { width });
      }),
    );
    doc.moveDown(gap / size);
  };
  const paragraph = (text: string) => block('P', text, 'Regular', 11);
  const writer: PdfWriter = {
    heading: (level, text) => {
      // A heading never ends a page: it starts the next one when there is no room below it.
      if (doc.y > doc.page.height - doc.page.margins.bottom - 90) doc.addPage();
      else doc.moveDown(level === 1 ? 0 : 0.6);
      block(`H${level}`, text, 'Bold', { 1: 18, 2: 14, 3: 11.5 }[level], 6);
    },
    paragraph,
    part: (text) => paragraph(text.trim() === '' ? '(niet ingevuld)' : text),
    field: (label, value) => paragraph(`${label}: ${value.trim() === '' ? '(niet ingevuld)' : value}`),
    list: (items) => {
      const list = doc.struct('L');
      root.add(list);
      for (const text of items) {
        list.add(
          doc.struct('LI', {}, [
            doc.struct('LBody', {}, () => {
              doc.font('Regular').fontSize(11).text(`• ${text}`, { width, indent: 0 });
            }),
          ]),
        );
        doc.moveDown(0.3);
      }
      list.end();
    },
    figure: (caption, alt, height, draw) => {
      const captionHeight = doc.font('Bold').fontSize(10.5).heightOfString(caption, { width }) + 4;
      if (doc.y + captionHeight + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
      block('H3', caption, 'Bold', 10.5, 2);
      const box = { x: doc.page.margins.left, y: doc.y, width, height };
      root.add(
        doc.struct('Figure', { alt }, () => {
          doc.save();
          draw(doc, box);
          doc.restore();
        }),
      );
      doc.x = box.x;
      doc.y = box.y + height;
      doc.moveDown(0.8);
    },
    table: (caption, header, rows, numericFrom = 1) => {
      // Caption, header and a first row stay together on a page. Captions of tables and figures are
      // third-level headings, so a screen reader jumps from one to the next.
      if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
      block('H3', caption, 'Bold', 10.5, 2);
      const cell = (text: string, column: number, type: 'TH' | 'TD') => ({
        text,
        type,
        // A header cell names its column (scope Column) for the cells below it.
        ...(type === 'TH' ? { scope: 'Column' } : {}),
        font: { src: type === 'TH' ? 'Bold' : 'Regular', size: 9.5 },
        align: { x: column >= numericFrom ? ('right' as const) : ('left' as const), y: 'top' as const },
      });
      doc.font('Regular').fontSize(9.5).fillColor('#000000');
      doc.table({
        position: { x: doc.page.margins.left },
        maxWidth: width,
        structParent: root,
        defaultStyle: { border: 0.5, borderColor: '#888888', padding: [2, 4, 2, 4] },
        columnStyles: (column: number) => (column === 0 ? { width: '*' } : { width: 78 }),
        data: [
          header.map((text, column) => cell(text, column, 'TH')),
          ...rows.map((row) => row.map((text, column) => cell(text, column, 'TD'))),
        ],
      } as PDFKit.Mixins.TableOptionsWithData);
      doc.x = doc.page.margins.left;
      doc.moveDown(0.8);
    },
  };
  write(writer);
  root.end();

  // Footers on every page, outside the structure: pagination artifacts.
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('Regular')
      .fontSize(9)
      .fillColor('#444444')
      .text(footer(index + 1, range.count), doc.page.margins.left, doc.page.height - 40, {
        width,
        lineBreak: false,
      });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}
