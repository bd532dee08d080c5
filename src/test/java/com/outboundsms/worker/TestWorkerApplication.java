package com.outboundsms.worker;

import com.outboundsms.worker.sandbox.SandboxConfiguration;

import org.springframework.boot.SpringApplication;

/**
 * Runs the worker in sandbox mode ({@code mvn spring-boot:test-run}): the production
 * application with the sandbox's development-time services and its profile added.
 */
public final class TestWorkerApplication {

	private TestWorkerApplication() {
	}

	public static void main(String[] args) {
		sandbox().run(args);
	}

	/**
	 * The worker as sandbox mode runs it, for tests that run it the same way.
	 * @return the application, to run with arguments
	 */
	public static SpringApplication.Augmented sandbox() {
		return SpringApplication.from(WorkerApplication::main)
			.with(SandboxConfiguration.class)
			.withAdditionalProfiles("sandbox");
	}

}
