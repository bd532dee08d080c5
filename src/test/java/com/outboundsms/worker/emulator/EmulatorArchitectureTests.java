package com.outboundsms.worker.emulator;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * Keeps the emulator plain Java: it runs in the tests' JVM, as a process of its own and
 * in the compose stack's image, so it may use only the JDK, Jackson 3 and JSpecify, and
 * no other package of the project (its tests and their clients aside).
 */
class EmulatorArchitectureTests {

	private final JavaClasses emulator = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
		.importPackages("com.outboundsms.worker.emulator");

	@Test
	void dependsOnlyOnTheJdkJacksonAndJSpecify() {
		classes().that()
			.resideInAPackage("com.outboundsms.worker.emulator")
			.and()
			.haveSimpleNameNotEndingWith("Tests")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("com.outboundsms.worker.emulator..", "java..", "javax..", "com.sun.net.httpserver..",
					"tools.jackson..", "org.jspecify..")
			.check(this.emulator);
	}

}
