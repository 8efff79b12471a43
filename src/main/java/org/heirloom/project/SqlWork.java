package org.heirloom.project;

import java.sql.Connection;
import java.sql.SQLException;

/** Database work done with the project's connection. */
@FunctionalInterface
public interface SqlWork<T> {

    T apply(Connection connection) throws SQLException;
}
