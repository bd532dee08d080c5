package com.outboundsms.worker.twilio;

import com.twilio.rest.taskrouter.v1.workspace.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FlexTasksTests {

	@Test
	void aTaskAlreadyEndedNeedsNothingMore() {
		assertThat(FlexTasks.ending(Task.Status.CANCELED)).isEmpty();
		assertThat(FlexTasks.ending(Task.Status.COMPLETED)).isEmpty();
	}

	@Test
	void aTaskAnAgentHasIsCompletedSinceTaskRouterCancelsNoSuchTask() {
		assertThat(FlexTasks.ending(Task.Status.ASSIGNED)).contains(Task.Status.COMPLETED);
		assertThat(FlexTasks.ending(Task.Status.WRAPPING)).contains(Task.Status.COMPLETED);
	}

	@Test
	void aTaskNoAgentHasYetIsCanceled() {
		assertThat(FlexTasks.ending(Task.Status.PENDING)).contains(Task.Status.CANCELED);
		assertThat(FlexTasks.ending(Task.Status.RESERVED)).contains(Task.Status.CANCELED);
	}

}
