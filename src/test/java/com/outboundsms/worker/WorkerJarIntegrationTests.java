package com.outboundsms.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the build ships: the worker's jar (the production artifact, and the image's only
 * content of ours) holds the worker and its commands, and none of the development-time
 * code of {@code src/test}; the emulator's own jar holds the emulator only.
 */
class WorkerJarIntegrationTests {

	private static final Path WORKER_JAR = Path.of("target", "outbound-sms-worker.jar");

	private static final Path EMULATOR_JAR = Path.of("target", "outbound-sms-worker-emulator.jar");

	private static final String CLASSES = "BOOT-INF/classes/";

	@Test
	void theWorkersJarStartsTheWorkerAndHoldsNoDevelopmentTimeCode() throws IOException {
		try (JarFile jar = new JarFile(WORKER_JAR.toFile())) {
			assertThat(jar.getManifest().getMainAttributes().getValue("Start-Class"))
				.isEqualTo(WorkerApplication.class.getName());
			List<String> names = jar.stream().map(JarEntry::getName).toList();
			assertThat(names).contains(CLASSES + "com/outboundsms/worker/WorkerApplication.class",
					CLASSES + "com/outboundsms/worker/processing/OutreachProcessor.class",
					CLASSES + "application.properties");
			assertThat(names).noneMatch((name) -> name.startsWith(CLASSES + "com/outboundsms/worker/emulator/")
					|| name.startsWith(CLASSES + "com/outboundsms/worker/sandbox/")
					|| name.startsWith(CLASSES + "com/outboundsms/worker/crashpoint/")
					|| name.startsWith(CLASSES + "sandbox/") || name.equals(CLASSES + "application-sandbox.properties")
					|| name.contains("TestWorkerApplication"));
			assertThat(names).filteredOn((name) -> name.startsWith("BOOT-INF/lib/"))
				.noneMatch((name) -> name.matches(
						"BOOT-INF/lib/(junit|spring-boot-test|spring-test|assertj|awaitility|archunit|testcontainers|json-schema-validator|mockito).*"));
		}
	}

	@Test
	void noClassOfTheWorkerServesHttpOtherThanThroughSpring() throws IOException {
		List<String> serving = new ArrayList<>();
		try (JarFile jar = new JarFile(WORKER_JAR.toFile())) {
			for (JarEntry entry : jar.stream().filter((entry) -> entry.getName().startsWith(CLASSES)).toList()) {
				if (entry.getName().endsWith(".class") && mentions(jar, entry, "com/sun/net/httpserver")) {
					serving.add(entry.getName());
				}
			}
		}
		assertThat(serving).isEmpty();
	}

	@Test
	void theEmulatorsJarHoldsTheEmulatorOnly() throws IOException {
		try (JarFile jar = new JarFile(EMULATOR_JAR.toFile())) {
			assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
				.isEqualTo("com.outboundsms.worker.emulator.EmulatorMain");
			List<String> classes = jar.stream()
				.map(JarEntry::getName)
				.filter((name) -> name.endsWith(".class"))
				.toList();
			assertThat(classes).contains("com/outboundsms/worker/emulator/TwilioEmulator.class")
				.allMatch((name) -> name.startsWith("com/outboundsms/worker/emulator/"))
				.noneMatch((name) -> name.endsWith("Tests.class"));
		}
	}

	private static boolean mentions(JarFile jar, JarEntry entry, String text) throws IOException {
		try (InputStream in = jar.getInputStream(entry)) {
			// class names stand in the constant pool as modified UTF-8, plain ASCII here
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(text);
		}
	}

}
