/**
 * The jar's entry point: finds a JDK 25, builds the command line of the measuring JVM and runs it as a child.
 *
 * <p>This package is compiled with {@code --release 17} (see {@code harness/pom.xml}) so that
 * {@code java -jar harness.jar} loads on the JDK 17 that {@code java} often is, and can then look for a newer
 * JDK itself instead of dying with an {@code UnsupportedClassVersionError}. Code here may use only JDK 17 classes
 * and this package; everything else in the harness is compiled for 25 and must not be referenced from here.
 * The reverse is fine: code compiled for 25 (a sweep runner forking one JVM per cell) reuses {@link
 * io.handoffbench.harness.launch.MeasuringJvm} and {@link io.handoffbench.harness.launch.JdkFinder}.
 */
package io.handoffbench.harness.launch;
