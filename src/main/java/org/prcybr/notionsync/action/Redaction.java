package org.prcybr.notionsync.action;

/** Last line of defence: a secret that slipped into a message is replaced before it is printed. */
final class Redaction {
    private Redaction() {
    }

    static String of(String text, String secret) {
        if (text == null || secret == null || secret.length() < 4) {
            return text;
        }
        return text.replace(secret, "***");
    }
}
