package com.outboundsms.worker.emulator;

import java.util.List;
import java.util.Map;

import com.outboundsms.worker.emulator.client.EmulatorClients;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.Channel;
import com.twilio.rest.flexapi.v1.Configuration;
import com.twilio.rest.taskrouter.v1.workspace.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Drives the emulated Flex configuration and TaskRouter tasks with twilio-java 13: the
 * workspace the configuration names holds the tasks Flex channels make, which can be
 * read, canceled while pending and not once ended, and whose end the Channel Janitor
 * follows.
 */
class TaskRouterIntegrationTests {

	private static final String TWILIO_NUMBER = "+15559990000";

	private static final String CUSTOMER = "+15551230000";

	private TwilioEmulator emulator;

	private TwilioRestClient client;

	private FlexFlow flow;

	private Channel channel;

	private String workspace;

	@BeforeEach
	void start() {
		this.emulator = TwilioEmulator.start();
		this.client = EmulatorClients.twilio(this.emulator);
		this.flow = this.emulator.createFlexFlow(TWILIO_NUMBER);
		this.channel = Channel.creator(this.flow.sid(), "id", "Jane", "SMS" + CUSTOMER)
			.setTarget(CUSTOMER)
			.setTaskAttributes("{\"to\":\"" + CUSTOMER + "\"}")
			.create(this.client);
		this.workspace = Configuration.fetcher().fetch(this.client).getTaskrouterWorkspaceSid();
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void theConfigurationNamesFlexsWorkspaceAndChatService() {
		Configuration configuration = Configuration.fetcher().fetch(this.client);

		assertThat(configuration.getTaskrouterWorkspaceSid()).isEqualTo(this.emulator.flexWorkspaceSid())
			.matches("WS[0-9a-f]{32}");
		assertThat(configuration.getChatServiceInstanceSid()).isEqualTo(this.emulator.defaultChatServiceSid());
		assertThat(configuration.getStatus()).isEqualTo(Configuration.Status.OK);
	}

	@Test
	void readsTheTaskAFlexChannelMadeInFlexsWorkspace() {
		Task task = Task.fetcher(this.workspace, this.channel.getTaskSid()).fetch(this.client);

		assertThat(task.getSid()).isEqualTo(this.channel.getTaskSid());
		assertThat(task.getAssignmentStatus()).isEqualTo(Task.Status.PENDING);
		assertThat(task.getWorkspaceSid()).isEqualTo(this.workspace);
		assertThat(task.getAttributes()).isEqualTo("{\"to\":\"" + CUSTOMER + "\"}");
		assertThat(task.getWorkflowSid()).matches("WW[0-9a-f]{32}");
		assertThat(task.getDateCreated()).isNotNull();
	}

	@Test
	void cancelsAPendingTaskWithItsReasonAnsweringEveryDocumentedField() {
		EmulatorClients.RawResponse raw = EmulatorClients.post(this.emulator, taskPath(this.channel.getTaskSid()),
				List.of(Map.entry("AssignmentStatus", "canceled"), Map.entry("Reason", "given up")));

		assertThat(raw.status()).isEqualTo(200);
		JsonNode body = raw.body();
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("account_sid", "age", "assignment_status",
				"attributes", "addons", "date_created", "date_updated", "task_queue_entered_date", "priority", "reason",
				"sid", "task_queue_sid", "task_queue_friendly_name", "task_channel_sid", "task_channel_unique_name",
				"timeout", "workflow_sid", "workflow_friendly_name", "workspace_sid", "url", "links",
				"virtual_start_time", "ignore_capacity", "routing_target");
		assertThat(body.get("assignment_status").asString()).isEqualTo("canceled");
		assertThat(body.get("reason").asString()).isEqualTo("given up");
		assertThat(body.get("url").asString()).isEqualTo("https://taskrouter.twilio.com/v1/Workspaces/" + this.workspace
				+ "/Tasks/" + this.channel.getTaskSid());
		assertThat(this.emulator.task(this.channel.getTaskSid()).orElseThrow().isOpen()).isFalse();
	}

	@Test
	void refusesToCancelATaskThatIsNoLongerPendingOrReserved() {
		cancel(this.channel.getTaskSid());

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> cancel(this.channel.getTaskSid()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(400);
				assertThat(ex.getCode()).isEqualTo(20001);
				assertThat(ex.getMessage()).contains("not pending or reserved");
			});
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Task.updater(this.workspace, this.channel.getTaskSid())
				.setAssignmentStatus(Task.Status.COMPLETED)
				.update(this.client))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("not assigned or wrapping"));
	}

	@Test
	void knowsNoTaskOutsideFlexsWorkspace() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Task.fetcher("WS" + "f".repeat(32), this.channel.getTaskSid()).fetch(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20404));
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> cancel("WT00000000000000000000000000000000"))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404));
	}

	@Test
	void theJanitorEndsTheChannelOfACanceledTask() {
		cancel(this.channel.getTaskSid());

		assertThat(this.emulator.chatChannel(this.channel.getSid()).orElseThrow().isActive()).isFalse();
		assertThat(Channel.creator(this.flow.sid(), "id", "Jane", "SMS" + CUSTOMER)
			.setTarget(CUSTOMER)
			.create(this.client)
			.getSid()).isNotEqualTo(this.channel.getSid());
	}

	@Test // #15
	void makesATaskThroughTheApiOnFlexsWorkflowForAStudioChannelThatHasNone() {
		Channel studio = studioChannel();
		String workflow = Configuration.fetcher().fetch(this.client).getTaskrouterTargetWorkflowSid();

		Task task = Task.creator(this.workspace)
			.setWorkflowSid(workflow)
			.setTaskChannel("sms")
			.setAttributes("{\"channelSid\":\"" + studio.getSid() + "\",\"channelType\":\"sms\"}")
			.create(this.client);

		assertThat(studio.getTaskSid()).isNull();
		assertThat(task.getSid()).matches("WT[0-9a-f]{32}");
		assertThat(task.getAssignmentStatus()).isEqualTo(Task.Status.PENDING);
		assertThat(task.getWorkflowSid()).isEqualTo(workflow);
		assertThat(task.getTaskChannelUniqueName()).isEqualTo("sms");
		assertThat(task.getWorkspaceSid()).isEqualTo(this.workspace);
		assertThat(this.emulator.task(task.getSid())).hasValueSatisfying((made) -> {
			assertThat(made.channelSid()).isEqualTo(studio.getSid());
			assertThat(made.attributes().path("channelType").asString()).isEqualTo("sms");
		});
	}

	@Test // #15
	void answersAnApiCreateWithEveryDocumentedFieldAndListsTasksUnderTheirKey() {
		EmulatorClients.RawResponse created = EmulatorClients.post(this.emulator, tasksPath(),
				List.of(Map.entry("Attributes", "{\"outboundSmsOutreachId\":\"o-1\"}")));
		EmulatorClients.RawResponse listed = EmulatorClients.get(this.emulator, tasksPath() + "?PageSize=1");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.body().propertyNames()).containsExactlyInAnyOrderElementsOf(
				EmulatorClients.get(this.emulator, taskPath(this.channel.getTaskSid())).body().propertyNames());
		assertThat(created.body().get("task_channel_unique_name").asString()).isEqualTo("default");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.body().get("tasks")).hasSize(1);
		assertThat(listed.body().get("meta").get("key").asString()).isEqualTo("tasks");
		assertThat(listed.body().get("meta").get("next_page_url").asString())
			.startsWith("https://taskrouter.twilio.com/v1/Workspaces/" + this.workspace + "/Tasks?");
	}

	@Test // #15
	void findsTasksByWhatTheirAttributesSay() {
		Task marked = Task.creator(this.workspace)
			.setAttributes("{\"outboundSmsOutreachId\":\"o-1\"}")
			.create(this.client);
		Task.creator(this.workspace).setAttributes("{\"outboundSmsOutreachId\":\"o-2\"}").create(this.client);

		List<Task> found = Task.reader(this.workspace)
			.setEvaluateTaskAttributes("outboundSmsOutreachId == \"o-1\"")
			.firstPage(this.client)
			.getRecords();
		List<Task> pending = Task.reader(this.workspace)
			.setAssignmentStatus("pending")
			.firstPage(this.client)
			.getRecords();

		assertThat(found).extracting(Task::getSid).containsExactly(marked.getSid());
		assertThat(pending).hasSize(3);
	}

	@Test // #15
	void refusesAnotherWorkflowAnUnknownTaskChannelAndAnExpressionItCannotRead() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Task.creator(this.workspace).setWorkflowSid("WW" + "f".repeat(32)).create(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20001));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Task.creator(this.workspace).setTaskChannel("fax").create(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20001));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Task.reader(this.workspace)
				.setEvaluateTaskAttributes("outboundSmsOutreachId > 1")
				.firstPage(this.client))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(400));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Task.creator("WS" + "f".repeat(32)).create(this.client))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404));
	}

	@Test // #15
	void theJanitorEndsAStudioChannelWhenTheTaskMadeForItEnds() {
		Channel studio = studioChannel();
		Task task = Task.creator(this.workspace)
			.setAttributes("{\"channelSid\":\"" + studio.getSid() + "\"}")
			.create(this.client);

		cancel(task.getSid());

		assertThat(this.emulator.chatChannel(studio.getSid()).orElseThrow().isActive()).isFalse();
	}

	private Channel studioChannel() {
		FlexFlow studio = this.emulator.createFlexFlow(NewFlexFlow.studio(TWILIO_NUMBER));
		return Channel.creator(studio.sid(), "studio-id", "Jane", "SMS" + CUSTOMER)
			.setTarget(CUSTOMER)
			.create(this.client);
	}

	private String tasksPath() {
		return "/taskrouter/v1/Workspaces/" + this.workspace + "/Tasks";
	}

	private Task cancel(String taskSid) {
		return Task.updater(this.workspace, taskSid)
			.setAssignmentStatus(Task.Status.CANCELED)
			.setReason("given up")
			.update(this.client);
	}

	private String taskPath(String taskSid) {
		return "/taskrouter/v1/Workspaces/" + this.workspace + "/Tasks/" + taskSid;
	}

}
