package org.heirloom.prompt;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.io.TextInput;

/**
 * CSV and TSV with a header row, in any encoding {@link TextDecoder} reads. Errors name the file,
 * the line and the column, as for the other formats.
 */
final class DelimitedPromptReader {

    private DelimitedPromptReader() {}

    static List<RawPrompt> read(
            Path file, char delimiter, Charset encoding, String field, String referenceField)
            throws IOException {
        String content =
                TextDecoder.decode(TextInput.bytes(file, TextInput.DATA_LIMIT), encoding, file)
                        .text();
        List<CsvParser.Record> records = CsvParser.parse(content, file.toString(), delimiter);
        if (records.isEmpty()) {
            return List.of();
        }
        List<String> header = records.get(0).fields();
        String promptField =
                field != null
                        ? field
                        : PromptFileReader.pickField(
                                PromptFileReader.PROMPT_FIELDS, header, file + ":1 (header)");
        int col = header.indexOf(promptField);
        if (col < 0) {
            throw new IllegalArgumentException(
                    file
                            + ":1: no column '"
                            + promptField
                            + "' in the header (columns: "
                            + String.join(", ", header)
                            + ")");
        }
        String refField =
                referenceField != null
                        ? referenceField
                        : PromptFileReader.pickOptionalField(
                                PromptFileReader.REFERENCE_FIELDS, header, promptField);
        int refCol = refField.isEmpty() ? -1 : header.indexOf(refField);
        if (!refField.isEmpty() && refCol < 0) {
            throw new IllegalArgumentException(
                    file + ":1: no column '" + refField + "' in the header");
        }
        List<RawPrompt> out = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            CsvParser.Record rec = records.get(i);
            if (rec.fields().size() == 1 && rec.fields().get(0).isEmpty()) {
                continue; // blank line
            }
            if (rec.fields().size() != header.size()) {
                throw new IllegalArgumentException(
                        file
                                + ":"
                                + rec.line()
                                + ": "
                                + rec.fields().size()
                                + " fields, but the header has "
                                + header.size());
            }
            String text = rec.fields().get(col);
            if (text.isBlank()) {
                throw new IllegalArgumentException(
                        file + ":" + rec.line() + ": field '" + promptField + "' is empty");
            }
            String ref = refCol < 0 ? null : rec.fields().get(refCol);
            out.add(
                    new RawPrompt(
                            text, ref == null || ref.isEmpty() ? null : ref, "line " + rec.line()));
        }
        return out;
    }
}
