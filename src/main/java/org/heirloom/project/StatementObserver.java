package org.heirloom.project;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sees every statement a project's repositories execute, with its bound arguments. It exists so
 * that a test can count what a screen reads (the dashboard reads each profile's items once) against
 * the database itself rather than trusting a counter in the code under test. Installed per project
 * with {@link Project#observe}; without one the connection is used as is.
 */
@FunctionalInterface
public interface StatementObserver {

    /**
     * @param sql the statement's text
     * @param args the bound arguments by position (index 0 = parameter 1; null where unbound)
     */
    void executed(String sql, List<Object> args);

    /** The connection seen through {@code observer}: statements it creates report their runs. */
    static Connection wrap(Connection c, StatementObserver observer) {
        return (Connection)
                Proxy.newProxyInstance(
                        Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class},
                        (proxy, m, a) -> {
                            Object result = call(c, m, a);
                            if (result instanceof PreparedStatement ps
                                    && a != null
                                    && a.length > 0
                                    && a[0] instanceof String sql) {
                                return observed(ps, PreparedStatement.class, sql, observer);
                            }
                            if (result instanceof Statement st
                                    && !(result instanceof PreparedStatement)) {
                                return observed(st, Statement.class, null, observer);
                            }
                            return result;
                        });
    }

    private static <S extends Statement> S observed(
            S target, Class<S> type, String sql, StatementObserver observer) {
        List<Object> bound = new ArrayList<>();
        InvocationHandler h =
                (proxy, m, a) -> {
                    String name = m.getName();
                    if (sql != null
                            && name.startsWith("set")
                            && a != null
                            && a.length >= 2
                            && a[0] instanceof Integer i) {
                        while (bound.size() < i) {
                            bound.add(null);
                        }
                        bound.set(i - 1, a[1]);
                    } else if (name.startsWith("execute")) {
                        String text =
                                sql != null
                                        ? sql
                                        : (a != null && a.length > 0 ? (String) a[0] : "");
                        observer.executed(text, List.copyOf(Arrays.asList(bound.toArray())));
                    }
                    return call(target, m, a);
                };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
    }

    private static Object call(Object target, Method m, Object[] a) throws Throwable {
        try {
            return m.invoke(target, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
