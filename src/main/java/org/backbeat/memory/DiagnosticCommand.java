package org.backbeat.memory;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Runs one of this JVM's diagnostic commands (what {@code jcmd PID Command.name} runs from outside),
 * in-process through the platform's DiagnosticCommand bean.
 */
final class DiagnosticCommand {

    private DiagnosticCommand() {
    }

    /**
     * @param operation the command's bean operation, e.g. {@code gcHeapInfo} for {@code GC.heap_info}
     * @return its output, or empty where this JVM has no such command or no such bean
     */
    static Optional<String> run(String operation) {
        try {
            Object output = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), operation, new Object[0], new String[0]);
            return Optional.ofNullable(output).map(Object::toString);
        } catch (JMException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
