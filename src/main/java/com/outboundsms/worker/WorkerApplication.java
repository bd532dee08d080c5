package com.outboundsms.worker;

import com.outboundsms.worker.enqueue.EnqueueCommand;
import com.outboundsms.worker.replay.ReplayCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the outbound SMS worker, or runs the {@code replay-dead-letters} or
 * {@code enqueue} command (neither starts a listener) when the first argument names it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {

	public static void main(String[] args) {
		if (ReplayCommand.isInvokedBy(args)) {
			System.exit(ReplayCommand.run(args, System.out, System.err));
		}
		if (EnqueueCommand.isInvokedBy(args)) {
			System.exit(EnqueueCommand.run(args, System.out, System.err));
		}
		SpringApplication.run(WorkerApplication.class, args);
	}

}
