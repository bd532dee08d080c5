package com.outboundsms.worker.web;

import com.outboundsms.worker.processing.SystemicFailure;
import com.outboundsms.worker.processing.TransientFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.amqp.core.AmqpMessageReturnedException;
import org.springframework.amqp.rabbit.core.AmqpNackReceivedException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers {@code 503} with {@code Retry-After} when a dependency of the door fails: the
 * broker did not confirm, the store or Twilio's token validation could not be reached.
 * The caller may send the same request again (with its {@code Idempotency-Key}).
 */
@ConditionalOnProperty(prefix = "outbound-sms.http", name = "enabled", havingValue = "true", matchIfMissing = true)
@RestControllerAdvice(
		assignableTypes = { OutboundSmsController.class, CampaignController.class, ConversationEventsController.class })
class UnavailableDependencyAdvice {

	private static final Logger logger = LoggerFactory.getLogger(UnavailableDependencyAdvice.class);

	@ExceptionHandler({ AmqpNackReceivedException.class, AmqpMessageReturnedException.class,
			AmqpTimeoutException.class })
	ResponseEntity<Object> notQueued(AmqpException ex) {
		logger.warn("A request could not be queued: {}", ex.getMessage());
		return ResponseBodies.unavailable("the request was not queued: " + ex.getMessage());
	}

	@ExceptionHandler(FlexTokensUnavailable.class)
	ResponseEntity<Object> tokensUnavailable(FlexTokensUnavailable ex) {
		logger.warn("A Flex token could not be checked: {}", ex.getMessage());
		return ResponseBodies.unavailable("the Flex token could not be checked");
	}

	/**
	 * The store answers an outage with a {@link SystemicFailure} (it pauses consumption
	 * too), a failed statement with a {@link TransientFailure}; the door's own table with
	 * Spring's exceptions.
	 */
	@ExceptionHandler({ SystemicFailure.class, TransientFailure.class, DataAccessException.class })
	ResponseEntity<Object> storeUnavailable(RuntimeException ex) {
		logger.warn("The store could not be reached: {}", ex.getMessage());
		return ResponseBodies.unavailable("the store could not be reached");
	}

}
