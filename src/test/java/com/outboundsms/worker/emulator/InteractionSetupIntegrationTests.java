package com.outboundsms.worker.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.emulator.client.EmulatorClients;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.ParticipantConversation;
import com.twilio.rest.flexapi.v1.Interaction;
import com.twilio.rest.flexapi.v1.interaction.InteractionChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Drives the emulated interactions with twilio-java 13 as Twilio documents them: a create
 * accepted before it is set up, an interaction channel read and closed, a customer
 * already in a conversation failing the channel rather than the create, the setup
 * switched over the control API, and an answer lost after the create was made.
 */
class InteractionSetupIntegrationTests {

	private static final String CUSTOMER = "+15551230000";

	private static final String TWILIO_NUMBER = "+15559990000";

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
	void answersACreateBeforeTheConversationExistsAndSetsItUpForTheNextRequest() {
		this.emulator.setUpInteractions(InteractionSetup.deferred(Duration.ZERO));

		Interaction accepted = createInteraction();
		String channelSid = channelSidOf(accepted);
		JsonNode attributes = taskAttributesOf(accepted);
		InteractionChannel channel = InteractionChannel.fetcher(accepted.getSid(), channelSid).fetch(this.client);
		List<ParticipantConversation> rows = new ArrayList<>();
		ParticipantConversation.reader().setAddress(CUSTOMER).read(this.client).forEach(rows::add);

		assertThat(attributes.has("conversationSid")).isFalse();
		assertThat(attributes.get("flexInteractionSid").asString()).isEqualTo(accepted.getSid());
		assertThat(channel.getStatus()).isEqualTo(InteractionChannel.ChannelStatus.ACTIVE);
		assertThat(channel.getInteractionSid()).isEqualTo(accepted.getSid());
		assertThat(channel.getErrorCode()).isNull();
		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row.getConversationAttributes()).contains(accepted.getSid());
			assertThat(row.getConversationState()).isEqualTo(ParticipantConversation.State.ACTIVE);
		});
		assertThat(taskAttributesOf(Interaction.fetcher(accepted.getSid()).fetch(this.client)).get("conversationSid")
			.asString()).isEqualTo(rows.get(0).getConversationSid());
	}

	@Test
	void readsTheChannelAsSetupUntilTheDelayHasPassed() {
		this.emulator.setUpInteractions(InteractionSetup.deferred(Duration.ofHours(1)));
		Interaction accepted = createInteraction();

		InteractionChannel waiting = InteractionChannel.fetcher(accepted.getSid(), channelSidOf(accepted))
			.fetch(this.client);
		this.emulator.setUpInteractions(InteractionSetup.deferred(Duration.ZERO));
		InteractionChannel setUp = InteractionChannel.fetcher(accepted.getSid(), channelSidOf(accepted))
			.fetch(this.client);

		assertThat(waiting.getStatus()).isEqualTo(InteractionChannel.ChannelStatus.SETUP);
		assertThat(setUp.getStatus()).isEqualTo(InteractionChannel.ChannelStatus.ACTIVE);
	}

	@Test
	void failsTheChannelWith80102AndStillMakesTheTaskWhenTheCustomerIsInAnotherConversation() {
		Conversation held = this.emulator.createConversationFor(CUSTOMER, TWILIO_NUMBER);
		this.emulator.setUpInteractions(InteractionSetup.deferred(Duration.ZERO));

		Interaction accepted = createInteraction();
		InteractionChannel channel = InteractionChannel.fetcher(accepted.getSid(), channelSidOf(accepted))
			.fetch(this.client);

		assertThat(channel.getStatus()).isEqualTo(InteractionChannel.ChannelStatus.FAILED);
		assertThat(channel.getErrorCode()).isEqualTo(80102);
		assertThat(this.emulator.interactionTasks()).singleElement()
			.satisfies((task) -> assertThat(task.status()).isEqualTo("pending"));
		assertThat(this.emulator
			.conversation(this.emulator.interaction(accepted.getSid()).orElseThrow().conversationSid()))
			.hasValueSatisfying((made) -> assertThat(made.participants()).isEmpty());
		assertThat(this.emulator.openConversationCount(CUSTOMER, TWILIO_NUMBER)).isEqualTo(1);
		assertThat(this.emulator.conversation(held.sid())).hasValueSatisfying(
				(conversation) -> assertThat(conversation.hasParticipant(new MessagingBinding(CUSTOMER, TWILIO_NUMBER)))
					.isTrue());
		assertThat(this.emulator.participantConflicts()).isEqualTo(1);
	}

	@Test
	void closingTheChannelClosesTheConversationAndCompletesTheTask() {
		Interaction interaction = createInteraction();
		String conversationSid = this.emulator.interaction(interaction.getSid()).orElseThrow().conversationSid();

		InteractionChannel closed = InteractionChannel
			.updater(interaction.getSid(), channelSidOf(interaction), InteractionChannel.UpdateChannelStatus.CLOSED)
			.update(this.client);

		assertThat(closed.getStatus()).isEqualTo(InteractionChannel.ChannelStatus.CLOSED);
		assertThat(this.emulator.conversation(conversationSid))
			.hasValueSatisfying((conversation) -> assertThat(conversation.isClosed()).isTrue());
		assertThat(this.emulator.interactionTasks()).singleElement()
			.satisfies((task) -> assertThat(task.status()).isEqualTo("completed"));
		assertThat(this.emulator.requests("POST", "/flex-api/v1/Interactions/.*/Channels/.*")).singleElement()
			.satisfies((request) -> assertThat(request.form().first("Status")).isEqualTo("closed"));
	}

	@Test
	void answers404ForAChannelThatIsNotTheInteractions() {
		Interaction interaction = createInteraction();

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> InteractionChannel.fetcher(interaction.getSid(), "UO00000000000000000000000000000000")
				.fetch(this.client))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404));
	}

	@Test
	void theControlApiSwitchesTheSetupAndTheSummaryCountsChannelsByStatus() {
		EmulatorClients.RawResponse deferred = EmulatorClients.post(this.emulator, "/_emulator/interactions/setup",
				List.of(Map.entry("Mode", "deferred"), Map.entry("DelayMillis", "3600000")));
		createInteraction();
		JsonNode summary = EmulatorClients.get(this.emulator, "/_emulator/summary").body();
		EmulatorClients.RawResponse wrong = EmulatorClients.post(this.emulator, "/_emulator/interactions/setup",
				List.of(Map.entry("Mode", "later")));
		EmulatorClients.post(this.emulator, "/_emulator/interactions/setup", List.of(Map.entry("Mode", "immediate")));

		assertThat(deferred.status()).isEqualTo(204);
		assertThat(summary.get("interaction_channels").get("setup").asInt()).isEqualTo(1);
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(this.emulator.interactionSetup()).isEqualTo(InteractionSetup.immediate());
	}

	@Test
	void aLostAnswerLeavesTheInteractionMadeAndLogged() {
		this.emulator.faults().loseAnswerNext("POST", "/flex-api/v1/Interactions", 1);

		assertThatIllegalStateException()
			.isThrownBy(() -> EmulatorClients.post(this.emulator, "/flex-api/v1/Interactions",
					List.of(Map.entry("Channel", "{\"type\":\"sms\",\"participants\":[{\"address\":\"" + CUSTOMER
							+ "\",\"proxy_address\":\"" + TWILIO_NUMBER + "\"}]}"))));
		assertThat(this.emulator.interactions()).hasSize(1);
		assertThat(this.emulator.requests()).singleElement()
			.satisfies((request) -> assertThat(request.status()).isEqualTo(200));
	}

	@Test
	void resetSetsInteractionsUpImmediatelyAgain() {
		this.emulator.setUpInteractions(InteractionSetup.deferred(Duration.ofSeconds(1)));

		this.emulator.reset();

		assertThat(this.emulator.interactionSetup()).isEqualTo(InteractionSetup.immediate());
	}

	private Interaction createInteraction() {
		Map<String, Object> channel = Map.of("type", "sms", "initiated_by", "agent", "participants",
				List.of(Map.of("address", CUSTOMER, "proxy_address", TWILIO_NUMBER)));
		Map<String, Object> routing = Map.of("properties", Map.of("workspace_sid", "WS00000000000000000000000000000001",
				"task_channel_unique_name", "sms", "attributes", Map.of("direction", "outbound")));
		return Interaction.creator(channel).setRouting(routing).create(this.client);
	}

	private static String channelSidOf(Interaction interaction) {
		return (String) ((Map<?, ?>) interaction.getChannel()).get("sid");
	}

	private static JsonNode taskAttributesOf(Interaction interaction) {
		Map<?, ?> properties = (Map<?, ?>) ((Map<?, ?>) interaction.getRouting()).get("properties");
		return Json.MAPPER.readTree((String) properties.get("attributes"));
	}

}
