package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.emulator.client.EmulatorClients;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.Channel;
import com.twilio.rest.flexapi.v1.FlexFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Drives the emulated Flex API with twilio-java 13: flow paging, Studio flows, and
 * channel creation with reuse.
 */
class FlexIntegrationTests {

	private TwilioEmulator emulator;

	private TwilioRestClient client;

	@BeforeEach
	void start() {
		this.emulator = TwilioEmulator.start();
		this.client = EmulatorClients.twilio(this.emulator);
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void readerPagesThroughAllFlowsFollowingNextPageUrls() {
		for (int i = 0; i < 120; i++) {
			this.emulator.createFlexFlow("+1555000" + String.format("%04d", i));
		}

		List<String> numbers = new ArrayList<>();
		for (FlexFlow flow : FlexFlow.reader().setPageSize(50L).read(this.client)) {
			numbers.add(flow.getContactIdentity());
		}

		assertThat(numbers).hasSize(120).doesNotHaveDuplicates().startsWith("+15550000000").endsWith("+15550000119");
		assertThat(this.emulator.requests("GET", "/flex-api/v1/FlexFlows"))
			.extracting((request) -> request.query().first("PageToken"))
			.containsExactly(null, "PT50", "PT100");
	}

	@Test
	void readerFiltersByFriendlyNameAndReadsEveryField() {
		this.emulator.createFlexFlow("+15550001111");
		this.emulator.createFlexFlow(NewFlexFlow.sms("+15550002222").withFriendlyName("Outbound Flow"));

		List<FlexFlow> flows = new ArrayList<>();
		FlexFlow.reader().setFriendlyName("Outbound Flow").read(this.client).forEach(flows::add);

		assertThat(flows).singleElement().satisfies((flow) -> {
			assertThat(flow.getContactIdentity()).isEqualTo("+15550002222");
			assertThat(flow.getIntegrationType()).isEqualTo(FlexFlow.IntegrationType.TASK);
			assertThat(flow.getChannelType()).isEqualTo(FlexFlow.ChannelType.SMS);
			assertThat(flow.getChatServiceSid()).isEqualTo(this.emulator.defaultChatServiceSid());
			assertThat(flow.getEnabled()).isFalse();
			assertThat(flow.getLongLived()).isFalse();
			assertThat(flow.getJanitorEnabled()).isTrue();
			assertThat(flow.getDateCreated()).isNotNull();
		});
	}

	@Test
	void channelCreateReturnsTheActiveChannelForTheSameFlowAndTarget() {
		String flowSid = this.emulator.createFlexFlow("+15559990000").sid();

		Channel first = createChannel(flowSid, "+15551230000");
		Channel second = createChannel(flowSid, "+15551230000");
		Channel otherTarget = createChannel(flowSid, "+15551239999");

		assertThat(second.getSid()).isEqualTo(first.getSid());
		assertThat(second.getTaskSid()).isEqualTo(first.getTaskSid());
		assertThat(otherTarget.getSid()).isNotEqualTo(first.getSid());
		assertThat(this.emulator.channelReuses()).isEqualTo(1);
		assertThat(this.emulator.tasks()).hasSize(2);
		assertThat(this.emulator.activeChannelCount(flowSid, "+15551230000")).isEqualTo(1);
	}

	@Test
	void channelCreateMakesANewChannelOnceTheOldOneIsClosed() {
		String flowSid = this.emulator.createFlexFlow("+15559990000").sid();
		Channel first = createChannel(flowSid, "+15551230000");

		this.emulator.closeChannel(first.getSid());
		Channel second = createChannel(flowSid, "+15551230000");

		assertThat(second.getSid()).isNotEqualTo(first.getSid());
		assertThat(this.emulator.chatChannel(first.getSid()))
			.hasValueSatisfying((channel) -> assertThat(channel.status()).isEqualTo("INACTIVE"));
		assertThat(this.emulator.task(first.getTaskSid()))
			.hasValueSatisfying((task) -> assertThat(task.status()).isEqualTo("completed"));
		assertThat(this.emulator.activeChannelCount(flowSid, "+15551230000")).isEqualTo(1);
	}

	@Test
	void channelCreateBuildsChatChannelAndTaskWithTheAttributesThatArrived() {
		com.outboundsms.worker.emulator.FlexFlow flow = this.emulator.createFlexFlow("+15559990000");

		Channel channel = Channel.creator(flow.sid(), "identity-1", "Jane Doe", "SMS+15551230000")
			.setTarget("+15551230000")
			.setTaskAttributes("{\"to\":\"+15551230000\",\"direction\":\"outbound\",\"nested\":{\"n\":1}}")
			.create(this.client);

		assertThat(channel.getFlexFlowSid()).isEqualTo(flow.sid());
		assertThat(channel.getUserSid()).matches("US[0-9a-f]{32}");
		assertThat(channel.getTaskSid()).matches("WT[0-9a-f]{32}");
		assertThat(this.emulator.task(channel.getTaskSid())).hasValueSatisfying((task) -> {
			assertThat(task.attributes().get("direction").asString()).isEqualTo("outbound");
			assertThat(task.attributes().get("nested").get("n").asInt()).isEqualTo(1);
		});
		assertThat(this.emulator.chatChannel(channel.getSid())).hasValueSatisfying((chat) -> {
			assertThat(chat.serviceSid()).isEqualTo(flow.chatServiceSid());
			assertThat(chat.type()).isEqualTo("private");
			assertThat(chat.friendlyName()).isEqualTo("SMS+15551230000");
			assertThat(chat.attributesNode().get("from").asString()).isEqualTo("Jane Doe");
			assertThat(chat.attributesNode().get("channel_type").asString()).isEqualTo("sms");
			assertThat(chat.attributesNode().get("forwarding").asBoolean()).isTrue();
			assertThat(chat.isActive()).isTrue();
		});
	}

	@Test
	void channelCreateRejectsAnUnknownFlowWith45205() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> createChannel("FO00000000000000000000000000000000", "+15551230000"))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(45205);
				assertThat(ex.getStatusCode()).isEqualTo(404);
			});
	}

	@Test
	void channelCreateRejectsTaskAttributesThatAreNotAJsonObject() {
		String flowSid = this.emulator.createFlexFlow("+15559990000").sid();

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Channel.creator(flowSid, "id", "Jane", "SMS")
				.setTarget("+15551230000")
				.setTaskAttributes("[1,2]")
				.create(this.client))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(400));
		assertThat(this.emulator.flexChannels()).isEmpty();
	}

	@Test
	void channelCanBeFetchedAndDeleted() {
		String flowSid = this.emulator.createFlexFlow("+15559990000").sid();
		Channel created = createChannel(flowSid, "+15551230000");

		Channel fetched = Channel.fetcher(created.getSid()).fetch(this.client);
		boolean deleted = Channel.deleter(created.getSid()).delete(this.client);

		assertThat(fetched.getTaskSid()).isEqualTo(created.getTaskSid());
		assertThat(deleted).isTrue();
		assertThat(this.emulator.flexChannels()).isEmpty();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Channel.fetcher(created.getSid()).fetch(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20404));
	}

	@Test
	void flowCanBeDeletedAndMadeAgainAndAChannelCreateNamingTheDeletedOneIsAnswered45205() {
		String deleted = this.emulator.createFlexFlow("+15559990000").sid();

		boolean gone = FlexFlow.deleter(deleted).delete(this.client);
		String remade = this.emulator.createFlexFlow("+15559990000").sid();

		assertThat(gone).isTrue();
		assertThat(this.emulator.flows()).extracting(com.outboundsms.worker.emulator.FlexFlow::sid)
			.containsExactly(remade);
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> createChannel(deleted, "+15551230000"))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(45205));
		assertThat(createChannel(remade, "+15551230000").getFlexFlowSid()).isEqualTo(remade);
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> FlexFlow.deleter(deleted).delete(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20404));
	}

	@Test
	void channelCreateNamesTheChatChannelAndKeepsOneChatUserPerIdentity() {
		String flowSid = this.emulator.createFlexFlow("+15559990000").sid();

		Channel first = Channel.creator(flowSid, "agent-visible-id", "Jane", "SMS")
			.setTarget("+15551230000")
			.setChatUniqueName("outbound-sms-1")
			.create(this.client);
		Channel second = Channel.creator(flowSid, "agent-visible-id", "Jane", "SMS")
			.setTarget("+15551239999")
			.create(this.client);
		Channel other = createChannel(flowSid, "+15551238888");

		assertThat(this.emulator.chatChannel(first.getSid()).orElseThrow().uniqueName()).isEqualTo("outbound-sms-1");
		assertThat(this.emulator.chatChannel(second.getSid()).orElseThrow().uniqueName()).isNull();
		assertThat(second.getUserSid()).isEqualTo(first.getUserSid());
		assertThat(other.getUserSid()).isNotEqualTo(first.getUserSid());
		assertThat(this.emulator.chatUser(this.emulator.defaultChatServiceSid(), "agent-visible-id"))
			.hasValueSatisfying((user) -> assertThat(user.sid()).isEqualTo(first.getUserSid()));
	}

	@Test
	void channelCreateRefusesTheUniqueNameOfAnotherActiveChannelWith45208() {
		String flowSid = this.emulator.createFlexFlow("+15559990000").sid();
		Channel.creator(flowSid, "id", "Jane", "SMS")
			.setTarget("+15551230000")
			.setChatUniqueName("taken")
			.create(this.client);

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Channel.creator(flowSid, "id", "Jane", "SMS")
				.setTarget("+15551239999")
				.setChatUniqueName("taken")
				.create(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(45208));
	}

	@Test
	void studioFlowKeepsOnlyItsIntegrationAndItsChannelsMakeNoTask() {
		FlexFlow studio = FlexFlow
			.creator("Notify +15559990000", this.emulator.defaultChatServiceSid(), FlexFlow.ChannelType.SMS)
			.setContactIdentity("+15559990000")
			.setIntegrationType(FlexFlow.IntegrationType.STUDIO)
			.setIntegrationFlowSid("FW0123456789abcdef0123456789abcdef")
			.setEnabled(true)
			.create(this.client);

		// the legacy notify path: no task attributes, Studio makes the task on a reply
		Channel channel = Channel.creator(studio.getSid(), "outreach-1", "Jane", "SMS+15551230000")
			.setTarget("+15551230000")
			.create(this.client);

		assertThat(studio.getIntegrationType()).isEqualTo(FlexFlow.IntegrationType.STUDIO);
		assertThat(EmulatorClients.fields(studio.getIntegration()))
			.containsExactly(Map.entry("flow_sid", "FW0123456789abcdef0123456789abcdef"));
		assertThat(channel.getTaskSid()).isNull();
		assertThat(this.emulator.tasks()).isEmpty();
		assertThat(this.emulator.chatChannel(channel.getSid()).orElseThrow().isActive()).isTrue();
	}

	@Test
	void flowListIgnoresAContactIdentityFilterAsTwilioDocumentsNone() {
		this.emulator.createFlexFlow(NewFlexFlow.studio("+15559990000"));
		this.emulator.createFlexFlow("+15558880000");

		EmulatorClients.RawResponse listed = EmulatorClients.get(this.emulator,
				"/flex-api/v1/FlexFlows?ContactIdentity=%2B15559990000");

		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.body().get("flex_flows")).extracting((flow) -> flow.get("contact_identity").asString())
			.containsExactly("+15559990000", "+15558880000");
	}

	private Channel createChannel(String flowSid, String target) {
		return Channel.creator(flowSid, "identity-" + target, "Jane Doe", "SMS" + target)
			.setTarget(target)
			.setTaskAttributes("{\"to\":\"" + target + "\"}")
			.create(this.client);
	}

}
