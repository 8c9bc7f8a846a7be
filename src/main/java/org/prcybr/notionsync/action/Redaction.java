package org.prcybr.notionsync.action;

/** Last line of defence: a secret that slipped into a message is replaced before it is printed. */
final class Redaction {
    private Redaction() {
    }

    static String of(String text, java.util.List<String> secrets) {
        String redacted = text;
        for (String secret : secrets) {
            if (redacted != null && secret != null && secret.length() >= 4) {
                redacted = redacted.replace(secret, "***");
            }
        }
        return redacted;
    }
}
