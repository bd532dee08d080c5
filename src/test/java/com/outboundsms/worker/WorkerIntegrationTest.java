package com.outboundsms.worker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs the whole worker against the real broker and database, with Twilio played by the
 * emulator over HTTP, in exchanges, queues and a database schema of the test run's own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@ContextConfiguration(initializers = IsolatedRun.class)
@Import(CapturedMessages.class)
public @interface WorkerIntegrationTest {

}
