package com.outboundsms.worker.idempotency;

import java.util.Map;
import java.util.Set;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.ErrorDetail;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressCodecTests {

	private final ProgressCodec codec = new ProgressCodec(JsonMapper.builder().build());

	@Test
	void writesProgressInTheStoredFormat() {
		OutreachProgress progress = new OutreachProgress("o-1",
				Map.of(Sid.PROXY_SESSION, "KC1", Sid.FLEX_FLOW, "FO1", Sid.CHAT_CHANNEL, "CH1"),
				Set.of(Sid.PROXY_SESSION, Sid.CHAT_CHANNEL));

		assertThat(this.codec.write(progress)).isEqualTo(
				"{\"outreach\":\"o-1\",\"sids\":{\"FLEX_FLOW\":\"FO1\",\"CHAT_CHANNEL\":\"CH1\",\"PROXY_SESSION\":\"KC1\"},"
						+ "\"attempted\":[\"CHAT_CHANNEL\",\"PROXY_SESSION\"]}");
	}

	@Test
	void writesEmptyProgressWithEveryField() {
		assertThat(this.codec.write(new OutreachProgress("", Map.of(), Set.of())))
			.isEqualTo("{\"outreach\":\"\",\"sids\":{},\"attempted\":[]}");
	}

	@Test
	void readsWhatItWrites() {
		OutreachProgress progress = new OutreachProgress("o-1", Map.of(Sid.CONVERSATION, "CH2"),
				Set.of(Sid.CONVERSATION, Sid.INTERACTION));

		assertThat(this.codec.read(this.codec.write(progress))).isEqualTo(progress);
	}

	@Test
	void readsARowWrittenBeforeOutreachesHadIds() {
		OutreachProgress progress = this.codec
			.read("{\"sids\":{\"CHAT_CHANNEL\":\"CH1\"},\"attempted\":[\"CHAT_CHANNEL\"]}");

		assertThat(progress)
			.isEqualTo(new OutreachProgress("", Map.of(Sid.CHAT_CHANNEL, "CH1"), Set.of(Sid.CHAT_CHANNEL)));
	}

	@Test
	void readsARowWithoutSidsOrAttempts() {
		assertThat(this.codec.read("{}")).isEqualTo(new OutreachProgress("", Map.of(), Set.of()));
	}

	@Test
	void writesAndReadsTheSidsOfAnOutcome() {
		String written = this.codec.writeSids(Map.of(Sid.TASK, "WT1", Sid.FLEX_FLOW, "FO1"));

		assertThat(written).isEqualTo("{\"FLEX_FLOW\":\"FO1\",\"TASK\":\"WT1\"}");
		assertThat(this.codec.readSids(written)).isEqualTo(Map.of(Sid.TASK, "WT1", Sid.FLEX_FLOW, "FO1"));
	}

	@Test
	void writesTheMessageErrorWithTwilioFieldsOnlyWhenTwilioAnswered() {
		ErrorDetail rejected = new ErrorDetail(ErrorCode.TWILIO_REJECTED, "post the first message", 50504, 400);
		ErrorDetail unanswered = ErrorDetail.of(ErrorCode.RETRIES_EXHAUSTED, "gave up");

		assertThat(this.codec.writeError(rejected)).isEqualTo(
				"{\"code\":\"TWILIO_REJECTED\",\"message\":\"post the first message\",\"twilioCode\":50504,\"twilioStatus\":400}");
		assertThat(this.codec.writeError(unanswered))
			.isEqualTo("{\"code\":\"RETRIES_EXHAUSTED\",\"message\":\"gave up\"}");
		assertThat(this.codec.readError(this.codec.writeError(rejected))).isEqualTo(rejected);
		assertThat(this.codec.readError(this.codec.writeError(unanswered))).isEqualTo(unanswered);
		assertThat(this.codec.writeError(null)).isNull();
		assertThat(this.codec.readError(null)).isNull();
	}

}
