package com.outboundsms.worker.crashpoint;

import com.outboundsms.worker.WorkerApplication;

import org.springframework.boot.SpringApplication;

/**
 * Runs the worker with its crash points armable, as the fault-injection suite starts its
 * worker processes: the production application with {@link CrashPointConfiguration}
 * added.
 */
public final class CrashPointWorker {

	private CrashPointWorker() {
	}

	public static void main(String[] args) {
		SpringApplication.from(WorkerApplication::main).with(CrashPointConfiguration.class).run(args);
	}

}
