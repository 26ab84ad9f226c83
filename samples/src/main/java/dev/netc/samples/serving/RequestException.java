package dev.netc.samples.serving;

/** A request the service refuses, with the HTTP status and the sentence it answers. */
final class RequestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  RequestException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** 400, 405, 413 or 415. */
  int status() {
    return status;
  }
}
