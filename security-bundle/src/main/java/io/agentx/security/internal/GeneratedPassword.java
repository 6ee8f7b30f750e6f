package io.agentx.security.internal;

import java.security.SecureRandom;

/** Random passwords that are easy to copy from a terminal: letters and digits without look-alikes. */
final class GeneratedPassword {
    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedPassword() {
    }

    static char[] create(int length) {
        char[] password = new char[length];
        for (int i = 0; i < length; i++) {
            password[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return password;
    }
}
