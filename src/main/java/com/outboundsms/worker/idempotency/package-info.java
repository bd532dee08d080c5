/**
 * The idempotency store in a relational database (an embedded file or PostgreSQL), with
 * its Flyway migrations.
 */
@NullMarked
package com.outboundsms.worker.idempotency;

import org.jspecify.annotations.NullMarked;
