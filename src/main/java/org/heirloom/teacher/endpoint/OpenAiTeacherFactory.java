package org.heirloom.teacher.endpoint;

import org.heirloom.teacher.Teacher;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.teacher.TeacherFactory;

/** {@code openai:BASE_URL#MODEL[;options]}: an OpenAI-compatible endpoint. */
public final class OpenAiTeacherFactory implements TeacherFactory {

    @Override
    public String scheme() {
        return "openai";
    }

    @Override
    public String identity(String location, TeacherEnvironment env) {
        return OpenAiConfig.parse(location).identity();
    }

    @Override
    public Teacher create(String location, TeacherEnvironment env) {
        OpenAiConfig config = OpenAiConfig.parse(location);
        return new OpenAiTeacher(config, env.env().apply(config.keyEnv()));
    }
}
