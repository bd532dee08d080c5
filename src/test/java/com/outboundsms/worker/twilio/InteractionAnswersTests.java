package com.outboundsms.worker.twilio;

import com.outboundsms.worker.twilio.FlexConversations.CustomerConversation;
import com.outboundsms.worker.twilio.FlexConversations.InteractionTask;
import com.outboundsms.worker.twilio.FlexConversations.MadeInteraction;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InteractionAnswersTests {

	private static final String TWILIO_NUMBER = "+15005550006";

	private final JsonMapper json = JsonMapper.builder().build();

	private final InteractionAnswers answers = new InteractionAnswers(this.json);

	@Test
	void readsTheSidsOfAnInteractionWhoseTaskAttributesAreAJsonString() {
		MadeInteraction made = this.answers.made(
				read("""
						{"sid":"KD1","channel":{"type":"sms","sid":"UO1"},"routing":{"reservation":null,"properties":{
						 "sid":"WT1","attributes":"{\\"conversationSid\\":\\"CH1\\",\\"flexInteractionSid\\":\\"KD1\\"}"}}}"""));

		assertThat(made).isEqualTo(new MadeInteraction("KD1", "UO1", "WT1", "CH1"));
	}

	@Test
	void readsAnInteractionAcceptedBeforeTwilioMadeItsConversation() {
		MadeInteraction made = this.answers.made(read("""
				{"sid":"KD1","channel":{"sid":"UO1"},"routing":{"properties":{"sid":"WT1",
				 "attributes":{"flexInteractionSid":"KD1"}}}}"""));

		assertThat(made).isEqualTo(new MadeInteraction("KD1", "UO1", "WT1", null));
	}

	@Test
	void readsAnInteractionWithoutRoutingOrWithAttributesThatAreNotJson() {
		MadeInteraction bare = this.answers.made(read("""
				{"sid":"KD1","channel":{"sid":"UO1"},"routing":null}"""));
		MadeInteraction garbled = this.answers.made(
				read("""
						{"sid":"KD1","channel":{"sid":"UO1"},"routing":{"properties":{"sid":"WT1","attributes":"{not json"}}}"""));

		assertThat(bare).isEqualTo(new MadeInteraction("KD1", "UO1", null, null));
		assertThat(garbled).isEqualTo(new MadeInteraction("KD1", "UO1", "WT1", null));
	}

	@Test
	void refusesAnAnswerWithoutTheChannelsSid() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.answers.made(read("""
				{"sid":"KD1","channel":{"type":"sms"}}""")));
	}

	@Test
	void readsTheOutreachIdAnInteractionsTaskCarries() {
		InteractionTask task = this.answers.task(read("""
				{"sid":"KD1","routing":{"properties":{"sid":"WT1",
				 "attributes":"{\\"outboundSmsOutreachId\\":\\"o-1\\",\\"conversationSid\\":\\"CH1\\"}"}}}"""));
		InteractionTask foreign = this.answers.task(
				read("""
						{"sid":"KD9","routing":{"properties":{"sid":"WT9","attributes":"{\\"direction\\":\\"inbound\\"}"}}}"""));

		assertThat(task).isEqualTo(new InteractionTask("WT1", "o-1", "CH1"));
		assertThat(foreign).isEqualTo(new InteractionTask("WT9", null, null));
	}

	@Test
	void findsTheCustomersOpenConversationOnTheNumberWithTheInteractionItsAttributesName() {
		JsonNode row = read(
				"""
						{"conversation_sid":"CH1","conversation_state":"inactive",
						 "conversation_attributes":"{\\"flexInteractionSid\\":\\"KD1\\",\\"flexInteractionChannelSid\\":\\"UO1\\"}",
						 "participant_messaging_binding":{"address":"+14155552671","proxy_address":"+15005550006","type":"sms"}}""");

		assertThat(this.answers.openConversation(row, TWILIO_NUMBER))
			.contains(new CustomerConversation("CH1", "KD1", "UO1"));
	}

	@Test
	void readsANotifyConversationAnOutreachMadeAsAwaitingAnAgentUntilItNamesAnInteraction() {
		JsonNode reminder = read(
				"""
						{"conversation_sid":"CH5","conversation_state":"active",
						 "conversation_attributes":"{\\"outboundSms\\":{\\"mode\\":\\"notify\\",\\"outreachId\\":\\"o-1\\"}}",
						 "participant_messaging_binding":{"address":"+14155552671","proxy_address":"+15005550006","type":"sms"}}""");
		JsonNode takenUp = read(
				"""
						{"conversation_sid":"CH5","conversation_state":"active",
						 "conversation_attributes":"{\\"outboundSms\\":{\\"mode\\":\\"notify\\"},\\"flexInteractionSid\\":\\"KD1\\"}",
						 "participant_messaging_binding":{"address":"+14155552671","proxy_address":"+15005550006","type":"sms"}}""");

		assertThat(this.answers.openConversation(reminder, TWILIO_NUMBER))
			.hasValueSatisfying((conversation) -> assertThat(conversation.awaitsAnAgent()).isTrue());
		assertThat(this.answers.openConversation(takenUp, TWILIO_NUMBER))
			.hasValueSatisfying((conversation) -> assertThat(conversation.awaitsAnAgent()).isFalse());
	}

	@Test
	void passesOverClosedConversationsAndThoseOnAnotherNumber() {
		JsonNode closed = read("""
				{"conversation_sid":"CH1","conversation_state":"closed","conversation_attributes":"{}",
				 "participant_messaging_binding":{"proxy_address":"+15005550006"}}""");
		JsonNode otherNumber = read("""
				{"conversation_sid":"CH2","conversation_state":"active","conversation_attributes":"{}",
				 "participant_messaging_binding":{"proxy_address":"+15005550007"}}""");
		JsonNode chatOnly = read("""
				{"conversation_sid":"CH3","conversation_state":"active","participant_messaging_binding":null}""");

		assertThat(this.answers.openConversation(closed, TWILIO_NUMBER)).isEmpty();
		assertThat(this.answers.openConversation(otherNumber, TWILIO_NUMBER)).isEmpty();
		assertThat(this.answers.openConversation(chatOnly, TWILIO_NUMBER)).isEmpty();
	}

	@Test
	void aConversationWhoseAttributesNameNoInteractionIsStillTheCustomers() {
		JsonNode row = read("""
				{"conversation_sid":"CH1","conversation_state":"active","conversation_attributes":null,
				 "participant_messaging_binding":{"proxy_address":"+15005550006"}}""");

		assertThat(this.answers.openConversation(row, TWILIO_NUMBER))
			.contains(new CustomerConversation("CH1", null, null));
	}

	private JsonNode read(String text) {
		return this.json.readTree(text);
	}

}
