package dev.hypertracker.mcp.cli;

import dev.hypertracker.mcp.config.ConfigurationException;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The default {@code serve} command line, read without building picocli's model: picocli's class files (Java 5)
 * can be neither archived nor AOT-cached, and building its model cost ~126 ms of every start. The options are the
 * {@link Option} fields of {@link HyperTrackerCommand} (read by reflection, so a new flag needs nothing here), with
 * their defaults. Only plainly valid command lines are read here: an unknown or repeated option, a missing or
 * unusual value, help, version, a subcommand or a type this reader does not know all return {@code null}, and the
 * caller hands the arguments to picocli, which then gives exactly its usual answer, error message and exit code.
 */
public final class ServeArguments {
    private static final Pattern PLAIN_INT = Pattern.compile("0|[1-9][0-9]{0,8}");
    private static final Pattern PLAIN_LONG = Pattern.compile("0|[1-9][0-9]{0,17}");

    private ServeArguments() {}

    /**
     * Runs the command line: a plain {@code serve} directly, anything else through picocli. The exit code and the
     * error output are picocli's: 2 and one line for a configuration error, 1 and the stack trace for an exception.
     */
    public static int execute(String[] args) {
        HyperTrackerCommand serve = parse(args);
        if (serve == null) return HyperTrackerCommand.commandLine().execute(args);
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            return serve.call();
        } catch (ConfigurationException e) {
            return HyperTrackerCommand.configurationError(err, e);
        } catch (Exception e) {
            e.printStackTrace(err);
            return 1;
        }
    }

    /** The serve command with its options set, or null when picocli must read these arguments. */
    static HyperTrackerCommand parse(String[] args) {
        try {
            return parseOrNull(args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // whatever this reader cannot follow, picocli reads
        }
    }

    private static HyperTrackerCommand parseOrNull(String[] args) throws ReflectiveOperationException {
        Map<String, Field> byName = new HashMap<>();
        String noDefault = (String) Option.class.getMethod("defaultValue").getDefaultValue();
        HyperTrackerCommand command = new HyperTrackerCommand();
        for (Field field : HyperTrackerCommand.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option == null || Modifier.isStatic(field.getModifiers())) continue;
            if (option.required() || !option.arity().isEmpty() || !knownType(field)) return null;
            field.setAccessible(true);
            for (String name : option.names()) byName.put(name, field);
            if (!option.defaultValue().equals(noDefault)) {
                if (option.defaultValue().contains("${")) return null; // picocli interpolates these
                if (!set(command, field, option, option.defaultValue(), new HashSet<>())) return null;
            }
        }
        Set<Field> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            Field field = byName.get(name);
            if (field == null) return null;
            Option option = field.getAnnotation(Option.class);
            String value;
            if (field.getType() == boolean.class) {
                if (eq > 0 && name.length() < arg.length()) return null; // --demo=true: picocli's rules
                value = "true";
            } else if (name.length() < arg.length()) {
                value = arg.substring(eq + 1);
            } else {
                if (++i == args.length) return null;
                value = args[i];
            }
            if (value.isEmpty() || value.startsWith("-")) return null;
            if (!set(command, field, option, value, seen)) return null;
        }
        return command;
    }

    private static boolean knownType(Field field) {
        Class<?> type = field.getType();
        if (type == String.class
                || type == int.class
                || type == Integer.class
                || type == long.class
                || type == boolean.class) {
            return true;
        }
        return type == List.class
                && field.getGenericType() instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] == String.class;
    }

    /** Sets one value; false when picocli must decide (a repeated single-value option, an unusual number). */
    private static boolean set(HyperTrackerCommand command, Field field, Option option, String value, Set<Field> seen)
            throws IllegalAccessException {
        boolean repeated = !seen.add(field);
        Class<?> type = field.getType();
        if (type == List.class) {
            List<String> values = new ArrayList<>();
            if (repeated) values.addAll(listOf(command, field));
            values.addAll(option.split().isEmpty() ? List.of(value) : Arrays.asList(value.split(option.split(), -1)));
            field.set(command, values);
            return true;
        }
        if (repeated) return false;
        if (type == String.class) {
            field.set(command, value);
        } else if (type == boolean.class) {
            field.setBoolean(command, Boolean.parseBoolean(value));
        } else if (type == int.class || type == Integer.class) {
            if (!PLAIN_INT.matcher(value).matches()) return false;
            field.set(command, Integer.parseInt(value));
        } else {
            if (!PLAIN_LONG.matcher(value).matches()) return false;
            field.setLong(command, Long.parseLong(value));
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static List<String> listOf(HyperTrackerCommand command, Field field) throws IllegalAccessException {
        return (List<String>) field.get(command);
    }
}
