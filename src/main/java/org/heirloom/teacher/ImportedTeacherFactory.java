package org.heirloom.teacher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.heirloom.io.ContentHash;

/** {@code import:FILE}: candidates from a JSONL file. Its identity includes the file's hash. */
final class ImportedTeacherFactory implements TeacherFactory {

    @Override
    public String scheme() {
        return "import";
    }

    @Override
    public String identity(String location, TeacherEnvironment env) {
        // The file name as written: moving the project and its inputs keeps runs resumable.
        return "import:" + location;
    }

    @Override
    public Teacher create(String location, TeacherEnvironment env) throws Exception {
        Path file = env.resolve(location);
        ImportedCandidates c = ImportedCandidates.read(file);
        ObjectNode prov = new ObjectMapper().createObjectNode();
        prov.put("kind", "import");
        prov.put("file", file.getFileName().toString());
        prov.put("sha256", ContentHash.of(Files.readAllBytes(file)));
        prov.put("prompts", c.prompts().size());
        return new ImportedTeacher("import:" + location, prov.toString(), c);
    }
}
