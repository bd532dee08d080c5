package com.outboundsms.worker;

import java.util.List;
import java.util.Set;

import com.outboundsms.worker.deadletter.DeadLetterHeaders;
import com.outboundsms.worker.deadletter.DeadLetterProperties;
import com.outboundsms.worker.inbound.CampaignTotals;
import com.outboundsms.worker.inbound.FieldError;
import com.outboundsms.worker.inbound.InboundProperties;
import com.outboundsms.worker.inbound.Intake;
import com.outboundsms.worker.inbound.RequestReader;
import com.outboundsms.worker.inbound.RequestValidator;
import com.outboundsms.worker.outbound.OutboundProperties;
import com.outboundsms.worker.outbound.ResultEventMessage;
import com.outboundsms.worker.processing.CampaignIds;
import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.processing.WireTime;
import com.outboundsms.worker.publishing.ConfirmedSender;
import com.outboundsms.worker.publishing.ConfirmedSenders;
import com.outboundsms.worker.twilio.TwilioProperties;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the dependency direction: adapters depend on the core, the core on no technology,
 * the HTTP door on the core, the listener's intake and the confirmed senders, never on
 * the listener itself; and the worker carries no development-time code.
 */
class ArchitectureTests {

	private static final String ROOT = "com.outboundsms.worker";

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void coreImportsNoAmqpJdbcTwilioOrMicrometerType() {
		noClasses().that()
			.resideInAPackage(ROOT + ".processing..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.amqp..", "com.rabbitmq..", "java.sql..", "javax.sql..",
					"org.springframework.jdbc..", "com.twilio..", "io.micrometer..", "tools.jackson..",
					"com.fasterxml.jackson..")
			.check(this.classes);
	}

	@Test
	void coreDependsOnNoAdapter() {
		noClasses().that()
			.resideInAPackage(ROOT + ".processing..")
			.should()
			.dependOnClassesThat()
			.resideOutsideOfPackages(ROOT + ".processing..", "java..", "org.jspecify.annotations..",
					"org.springframework.boot.context.properties..",
					"org.springframework.boot.autoconfigure.condition..", "org.springframework.context.annotation..")
			.check(this.classes);
	}

	@Test
	void theWorkerCarriesNoDevelopmentTimeCode() {
		noClasses().should()
			.resideInAnyPackage(ROOT + ".emulator..", ROOT + ".sandbox..", ROOT + ".crashpoint..")
			.orShould()
			.dependOnClassesThat()
			.resideInAnyPackage("com.sun.net.httpserver..", "org.springframework.boot.test..",
					"org.springframework.test..")
			.check(this.classes);
	}

	@Test
	void adaptersDoNotReachIntoEachOtherExceptIntakeIntoDeadLetters() {
		List<String> adapters = List.of("inbound", "idempotency", "twilio", "outbound", "deadletter");
		for (String adapter : adapters) {
			String[] others = adapters.stream()
				.filter((other) -> !other.equals(adapter))
				.filter((other) -> !(adapter.equals("inbound") && other.equals("deadletter")))
				.map((other) -> ROOT + "." + other + "..")
				.toArray(String[]::new);
			noClasses().that()
				.resideInAPackage(ROOT + "." + adapter + "..")
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(others)
				.check(this.classes);
		}
	}

	@Test
	void replayUsesOnlyThePropertiesRecordsTheWireTimeTheLanesAndThePacingOfTheWorker() {
		onlyUses("replay", Set.of(InboundProperties.class.getName(), DeadLetterProperties.class.getName(),
				DeadLetterHeaders.class.getName(), WireTime.class.getName(), Lane.class.getName()));
	}

	@Test
	void enqueueUsesOnlyTheRequestPropertiesTheIntakesValidationTheLanesAndThePacingOfTheWorker() {
		onlyUses("enqueue",
				Set.of(InboundProperties.class.getName(), RequestValidator.class.getName(),
						RequestValidator.Verdict.class.getName(), FieldError.class.getName(), Lane.class.getName(),
						CampaignIds.class.getName(), CampaignTotals.class.getName()));
	}

	@Test
	void pacingDependsOnNothingOfTheWorker() {
		onlyUses("pacing", Set.of());
	}

	@Test
	void budgetDependsOnNothingOfTheWorkerButThePacingsTicker() {
		onlyUses("budget", Set.of());
	}

	@Test
	void commandLineDependsOnNothingOfTheWorker() {
		onlyUses("commandline", Set.of());
	}

	/**
	 * A command's package may use, of the rest of the worker, only the given classes and
	 * what the commands share: the pacing and the reading of arguments.
	 */
	private void onlyUses(String commandPackage, Set<String> allowed) {
		String own = ROOT + "." + commandPackage;
		noClasses().that()
			.resideInAPackage(own + "..")
			.should()
			.dependOnClassesThat(DescribedPredicate.describe("other classes of the worker",
					(JavaClass type) -> type.getPackageName().startsWith(ROOT + ".")
							&& !type.getPackageName().startsWith(own)
							&& !type.getPackageName().startsWith(ROOT + ".pacing")
							&& !type.getPackageName().startsWith(ROOT + ".commandline")
							&& !allowed.contains(type.getName())))
			.check(this.classes);
	}

	@Test
	void httpDoorUsesTheCoreAndTheIntakeButNotTheListenerOrTheAdapters() {
		Set<String> allowed = Set.of(RequestReader.class.getName(), Intake.class.getName(),
				Intake.Accepted.class.getName(), Intake.Rejected.class.getName(), FieldError.class.getName(),
				InboundProperties.class.getName(), OutboundProperties.class.getName(),
				ResultEventMessage.class.getName(), TwilioProperties.class.getName(), ConfirmedSenders.class.getName(),
				ConfirmedSender.class.getName());
		noClasses().that()
			.resideInAPackage(ROOT + ".web..")
			.should()
			.dependOnClassesThat(DescribedPredicate.describe(
					"classes of the worker other than the core, the intake, the settings records and the confirmed senders",
					(JavaClass type) -> type.getPackageName().startsWith(ROOT + ".")
							&& !type.getPackageName().startsWith(ROOT + ".web")
							&& !type.getPackageName().startsWith(ROOT + ".processing")
							&& !allowed.contains(type.getName())))
			.check(this.classes);
	}

	@Test
	void nothingDependsOnTheHttpDoor() {
		noClasses().that()
			.resideOutsideOfPackage(ROOT + ".web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT + ".web..")
			.check(this.classes);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(this.classes);
	}

}
