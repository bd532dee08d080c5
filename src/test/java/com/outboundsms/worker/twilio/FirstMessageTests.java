package com.outboundsms.worker.twilio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.ErrorDetail;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.Sid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FirstMessageTests {

	private final List<OutreachProgress> checkpoints = new ArrayList<>();

	private final RecordingMessages messages = new RecordingMessages();

	@Test
	void postsTheFirstMessageOnceWithTheMarkerAndCheckpointsAroundIt() {
		OutreachProgress made = FirstMessage
			.ensure(request("Hello"), OutreachProgress.none(), false, this.checkpoints::add, Sid.MESSAGE, this.messages)
			.progress();

		assertThat(this.messages.posted).containsExactly("Hello|{\"outboundSmsFirstMessage\":true}");
		assertThat(made.sid(Sid.MESSAGE)).contains("IM-new");
		assertThat(this.checkpoints).hasSize(2);
		assertThat(this.checkpoints.get(0).wasAttempted(Sid.MESSAGE)).isTrue();
		assertThat(this.checkpoints.get(0).has(Sid.MESSAGE)).isFalse();
	}

	@Test
	void findsTheMessageAnEarlierAttemptPostedInsteadOfPostingAgain() {
		this.messages.latest.add(new FirstMessage.Posted("IM-other", null));
		this.messages.latest.add(new FirstMessage.Posted("IM-earlier", "{\"outboundSmsFirstMessage\":true}"));

		OutreachProgress made = FirstMessage
			.ensure(request("Hello"), OutreachProgress.none().attempting(Sid.MESSAGE), true, this.checkpoints::add,
					Sid.MESSAGE, this.messages)
			.progress();

		assertThat(this.messages.posted).isEmpty();
		assertThat(made.sid(Sid.MESSAGE)).contains("IM-earlier");
	}

	@Test
	void postsWhenAnEarlierAttemptLeftNoMessage() {
		FirstMessage.ensure(request("Hello"), OutreachProgress.none().attempting(Sid.MESSAGE), true,
				this.checkpoints::add, Sid.MESSAGE, this.messages);

		assertThat(this.messages.posted).hasSize(1);
		assertThat(this.checkpoints).singleElement().satisfies((made) -> assertThat(made.has(Sid.MESSAGE)).isTrue());
	}

	@Test
	void aMessageAnnouncedInThisPassIsPostedWithoutLookingAndWithOneCheckpoint() {
		OutreachProgress announced = FirstMessage.announced(request("Hello"), OutreachProgress.none(), Sid.MESSAGE);
		this.messages.latest.add(new FirstMessage.Posted("IM-stale", "{\"outboundSmsFirstMessage\":true}"));

		OutreachProgress made = FirstMessage
			.ensure(request("Hello"), announced, false, this.checkpoints::add, Sid.MESSAGE, this.messages)
			.progress();

		assertThat(announced.wasAttempted(Sid.MESSAGE)).isTrue();
		assertThat(this.messages.looked).isZero();
		assertThat(this.messages.posted).hasSize(1);
		assertThat(made.sid(Sid.MESSAGE)).contains("IM-new");
		assertThat(this.checkpoints).singleElement().satisfies((saved) -> assertThat(saved.has(Sid.MESSAGE)).isTrue());
	}

	@Test
	void nothingIsAnnouncedWithoutAMessage() {
		assertThat(
				FirstMessage.announced(request(null), OutreachProgress.none(), Sid.MESSAGE).wasAttempted(Sid.MESSAGE))
			.isFalse();
	}

	@Test
	void doesNothingWithoutAMessageOrOnceItIsPosted() {
		OutreachProgress posted = OutreachProgress.none().with(Sid.MESSAGE, "IM-done");

		FirstMessage.ensure(request(null), OutreachProgress.none(), false, this.checkpoints::add, Sid.MESSAGE,
				this.messages);
		FirstMessage.ensure(request("Hello"), posted, true, this.checkpoints::add, Sid.MESSAGE, this.messages);

		assertThat(this.messages.posted).isEmpty();
		assertThat(this.checkpoints).isEmpty();
	}

	@Test
	void aMessageTwilioRefusesForGoodLeavesTheOutreachWithTheRefusalAndNoSid() {
		this.messages.refusal = new PermanentFailure(ErrorCode.TWILIO_REJECTED, "posting the first message: refused",
				21614, 400, null);

		FirstMessage.Result result = FirstMessage.ensure(request("Hello"), OutreachProgress.none(), false,
				this.checkpoints::add, Sid.MESSAGE, this.messages);

		assertThat(result.progress().has(Sid.MESSAGE)).isFalse();
		assertThat(result.progress().wasAttempted(Sid.MESSAGE)).isTrue();
		assertThat(result.error())
			.isEqualTo(new ErrorDetail(ErrorCode.TWILIO_REJECTED, "posting the first message: refused", 21614, 400));
		assertThat(this.checkpoints).singleElement()
			.satisfies((saved) -> assertThat(saved.wasAttempted(Sid.MESSAGE)).isTrue());
	}

	@Test // #15
	void marksAMessageUnderAnotherOutreachsFirstWithItsRequestAndFindsOnlyThatOne() {
		this.messages.latest.add(new FirstMessage.Posted("IM-reminder", "{\"outboundSmsFirstMessage\":true}"));

		OutreachProgress made = FirstMessage
			.ensureOwn(request("Hello"), OutreachProgress.none().attempting(Sid.CHAT_MESSAGE), true,
					this.checkpoints::add, Sid.CHAT_MESSAGE, this.messages)
			.progress();
		this.messages.latest.add(new FirstMessage.Posted("IM-new", "{\"outboundSmsRequestId\":\"r1\"}"));
		OutreachProgress again = FirstMessage
			.ensureOwn(request("Hello"), OutreachProgress.none().attempting(Sid.CHAT_MESSAGE), true,
					this.checkpoints::add, Sid.CHAT_MESSAGE, this.messages)
			.progress();

		assertThat(this.messages.posted).containsExactly("Hello|{\"outboundSmsRequestId\":\"r1\"}");
		assertThat(made.sid(Sid.CHAT_MESSAGE)).contains("IM-new");
		assertThat(again.sid(Sid.CHAT_MESSAGE)).contains("IM-new");
	}

	@Test // #15
	void postsAReminderIntoAnOpenConversationOncePerRequest() {
		this.messages.latest.add(new FirstMessage.Posted("IM-first", "{\"outboundSmsFirstMessage\":true}"));
		this.messages.latest.add(new FirstMessage.Posted("IM-other", "{\"outboundSmsRequestId\":\"r0\"}"));

		String posted = FirstMessage.postOnce(request("Hello"), this.messages);
		this.messages.latest.add(new FirstMessage.Posted(posted, "{\"outboundSmsRequestId\":\"r1\"}"));
		String again = FirstMessage.postOnce(request("Hello"), this.messages);

		assertThat(posted).isEqualTo("IM-new");
		assertThat(again).isEqualTo(posted);
		assertThat(this.messages.posted).containsExactly("Hello|{\"outboundSmsRequestId\":\"r1\"}");
	}

	private static OutboundSmsRequest request(String message) {
		return new OutboundSmsRequest("r1", new NumberPair("+15005550006", "+14155552671"), "Jane", null, message,
				Map.of(), null);
	}

	private static final class RecordingMessages implements FirstMessage.Messages {

		final List<FirstMessage.Posted> latest = new ArrayList<>();

		final List<String> posted = new ArrayList<>();

		int looked;

		@Override
		public List<FirstMessage.Posted> latest() {
			this.looked++;
			return this.latest;
		}

		PermanentFailure refusal;

		@Override
		public String post(String body, String attributes) {
			if (this.refusal != null) {
				throw this.refusal;
			}
			this.posted.add(body + "|" + attributes);
			return "IM-new";
		}

	}

}
