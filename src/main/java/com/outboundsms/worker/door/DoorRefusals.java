package com.outboundsms.worker.door;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the calls the door's interceptors stop before the controller, as the controller
 * answers everything else: {@code 413} for a body over the limit, {@code 401} without
 * valid credentials, {@code 429} with {@code Retry-After} for a client refused too often.
 */
@ConditionalOnProperty(prefix = "outbound-sms.http", name = "enabled", havingValue = "true", matchIfMissing = true)
@RestControllerAdvice(assignableTypes = OutboundSmsController.class)
class DoorRefusals {

	@ExceptionHandler(CallerBodies.BodyTooLarge.class)
	ResponseEntity<Object> tooLarge(CallerBodies.BodyTooLarge ex) {
		return DoorAnswers.tooLarge(ex.limit());
	}

	@ExceptionHandler(CallerAuthentication.NotAdmitted.class)
	ResponseEntity<Object> notAdmitted(CallerAuthentication.NotAdmitted ex) {
		return (ex.admission() instanceof Admission.HeldOff heldOff) ? DoorAnswers.heldOff(heldOff.retryAfter())
				: DoorAnswers.unauthorized();
	}

}
