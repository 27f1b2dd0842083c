package io.cordon.dashboard.files;

import com.lowagie.text.Document;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table drawn straight onto a PDF's pages: a grid of ruled cells, text left and numbers right, long text wrapped
 * within its column, the heading rows again at the top of every page. The library's own table lays out every cell
 * through its text engine, about 8 µs a cell: the whole city's compounds (half a million cells) took 5 s a PDF, and a
 * freeze renders the city and every district. Drawn here, a cell costs its glyphs' widths and its bytes.
 */
final class PdfGrid {

    private static final float PADDING = 2f;
    private static final float RULE = 0.5f;

    private final Document doc;
    private final PdfContentByte cb;
    private final BaseFont font;
    private final float size;
    private final float leading;

    PdfGrid(Document doc, PdfWriter writer, BaseFont font, float size) {
        this.doc = doc;
        this.cb = writer.getDirectContent();
        this.font = font;
        this.size = size;
        this.leading = size * 1.3f;
    }

    /**
     * Draws {@code rows} from {@code top} down, its first {@code headRows} rows in bold and repeated on each new page;
     * answers where the table ends. The page is full width between the document's margins.
     */
    float draw(List<List<Object>> rows, int headRows, float top) {
        float[] widths = widths(rows, headRows, doc.right() - doc.left());
        float y = top;
        float segmentTop = y;
        List<Float> rules = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            boolean isHead = r < headRows;
            List<Object> row = rows.get(r);
            List<String>[] cells = cells(row, widths);
            // a row that does not fit goes to the next page, unless the page is still empty (a row taller than a page)
            if (y - height(cells) < doc.bottom() && y < doc.top()) {
                ruleSegment(widths, segmentTop, rules);
                doc.newPage();
                y = doc.top();
                segmentTop = y;
                rules.clear();
                if (!isHead) {
                    for (int h = 0; h < Math.min(headRows, rows.size()); h++) {
                        List<String>[] headCells = cells(rows.get(h), widths);
                        y = drawRow(rows.get(h), headCells, widths, y, true);
                        rules.add(y);
                    }
                }
            }
            y = drawRow(row, cells, widths, y, isHead);
            rules.add(y);
        }
        ruleSegment(widths, segmentTop, rules);
        return y;
    }

    private float drawRow(List<Object> row, List<String>[] cells, float[] widths, float y, boolean bold) {
        float height = height(cells);
        cb.beginText();
        cb.setFontAndSize(font, size);
        if (bold) {
            // the CJK font has no bold face: its glyphs are filled and stroked, as the library's bold does
            cb.setTextRenderingMode(PdfContentByte.TEXT_RENDER_MODE_FILL_STROKE);
            cb.setLineWidth(size / 30f);
        }
        float x = doc.left();
        for (int c = 0; c < widths.length; c++) {
            boolean number = c < row.size() && row.get(c) instanceof Number;
            float baseline = y - PADDING - size;
            for (String line : cells[c]) {
                float lineX = number ? x + widths[c] - PADDING - font.getWidthPoint(line, size) : x + PADDING;
                cb.setTextMatrix(lineX, baseline);
                cb.showText(line);
                baseline -= leading;
            }
            x += widths[c];
        }
        if (bold) {
            cb.setTextRenderingMode(PdfContentByte.TEXT_RENDER_MODE_FILL);
        }
        cb.endText();
        return y - height;
    }

    /** The rules of one page's part of the table: a line under each row, the columns' edges top to bottom. */
    private void ruleSegment(float[] widths, float top, List<Float> rowBottoms) {
        if (rowBottoms.isEmpty()) {
            return;
        }
        float bottom = rowBottoms.get(rowBottoms.size() - 1);
        float left = doc.left();
        float right = left + sum(widths);
        cb.setLineWidth(RULE);
        cb.moveTo(left, top);
        cb.lineTo(right, top);
        for (float y : rowBottoms) {
            cb.moveTo(left, y);
            cb.lineTo(right, y);
        }
        float x = left;
        for (int c = 0; c <= widths.length; c++) {
            cb.moveTo(x, top);
            cb.lineTo(x, bottom);
            if (c < widths.length) {
                x += widths[c];
            }
        }
        cb.stroke();
    }

    private float height(List<String>[] cells) {
        int lines = 1;
        for (List<String> cell : cells) {
            lines = Math.max(lines, cell.size());
        }
        return lines * leading + 2 * PADDING;
    }

    @SuppressWarnings("unchecked")
    private List<String>[] cells(List<Object> row, float[] widths) {
        List<String>[] cells = new List[widths.length];
        for (int c = 0; c < widths.length; c++) {
            Object v = c < row.size() ? row.get(c) : null;
            cells[c] = wrap(text(v), widths[c] - 2 * PADDING);
        }
        return cells;
    }

    static String text(Object v) {
        return v == null ? "" : v.toString().replace('_', ' ');
    }

    /** A cell's text in lines no wider than {@code width}: broken at a space when a line has one, else at a glyph. */
    List<String> wrap(String text, float width) {
        if (text.isEmpty() || font.getWidthPoint(text, size) <= width) {
            return List.of(text);
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            int lastSpace = -1;
            float w = 0;
            while (end < text.length()) {
                float cw = font.getWidthPoint(text.codePointAt(end), size);
                if (w + cw > width && end > start) {
                    break;
                }
                if (text.charAt(end) == ' ') {
                    lastSpace = end;
                }
                w += cw;
                end += Character.charCount(text.codePointAt(end));
            }
            if (end < text.length() && lastSpace > start) {
                end = lastSpace + 1;
            }
            lines.add(text.substring(start, end).strip());
            start = end;
        }
        return lines;
    }

    /**
     * Columns as wide as their widest value (a heading's longest word at least), padded; when they do not fit the
     * page, the widest are narrowed to a common width until they do (their text wraps); when they do, all grow in
     * proportion to fill it.
     */
    private float[] widths(List<List<Object>> rows, int headRows, float page) {
        int columns = 0;
        for (List<Object> row : rows) {
            columns = Math.max(columns, row.size());
        }
        float[] natural = new float[columns];
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                String text = text(row.get(c));
                float w = 0;
                if (r < headRows) {
                    for (String word : text.split(" ")) {
                        w = Math.max(w, font.getWidthPoint(word, size));
                    }
                } else {
                    w = font.getWidthPoint(text, size);
                }
                natural[c] = Math.max(natural[c], w + 2 * PADDING + 1);
            }
        }
        float total = sum(natural);
        if (total <= page) {
            float grow = page / total;
            for (int c = 0; c < columns; c++) {
                natural[c] *= grow;
            }
            return natural;
        }
        // the common width that the widest columns are cut to, so that the whole fits the page exactly
        float[] sorted = natural.clone();
        Arrays.sort(sorted);
        float narrower = 0;
        float cap = page / columns;
        for (int i = 0; i < columns; i++) {
            float candidate = (page - narrower) / (columns - i);
            if (sorted[i] >= candidate) {
                cap = candidate;
                break;
            }
            narrower += sorted[i];
        }
        for (int c = 0; c < columns; c++) {
            natural[c] = Math.min(natural[c], cap);
        }
        return natural;
    }

    private static float sum(float[] values) {
        float s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
