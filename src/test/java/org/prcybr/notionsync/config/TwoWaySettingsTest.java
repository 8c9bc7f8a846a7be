package org.prcybr.notionsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.prcybr.notionsync.runner.Input;
import org.prcybr.notionsync.runner.RunnerContext;

/** The pull's inputs, and status-map read backwards. */
class TwoWaySettingsTest {
    private static SyncSettings read(String... pairs) throws InputException {
        Map<String, String> env = new HashMap<>();
        env.put(Input.NOTION_TOKEN.envName(), "secret_abcdefghijklmnopqrstuvwxyz0123456789");
        env.put(Input.GITHUB_TOKEN.envName(), "ghs_token");
        env.put("GITHUB_REPOSITORY", "Octo/Hello");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return SettingsReader.read(new RunnerContext(env));
    }

    @Test
    void defaultsPullOnlyTheStatusOfTheLastDayFromThisRepository() throws Exception {
        SyncSettings s = read(Input.MODE.envName(), "pull");
        assertEquals(SyncSettings.Mode.PULL, s.mode());
        assertEquals(Set.of(PullField.STATUS), s.twoWay().fields());
        assertEquals(Duration.ofHours(24), s.twoWay().since());
        assertFalse(s.twoWay().createIssues());
        assertEquals(List.of("octo/hello"), s.twoWay().repositories());
    }

    @Test
    void fieldsDurationsAndRepositoriesAreRead() throws Exception {
        SyncSettings s = read(Input.MODE.envName(), "pull", Input.PULL_FIELDS.envName(), "status, Labels\nproject-fields",
                Input.PULL_SINCE.envName(), "90m", Input.REPOSITORIES.envName(), "octo/other, Octo/Hello");
        assertEquals(Set.of(PullField.STATUS, PullField.LABELS, PullField.PROJECT_FIELDS), s.twoWay().fields());
        assertEquals(Duration.ofMinutes(90), s.twoWay().since());
        assertEquals(List.of("octo/hello", "octo/other"), s.twoWay().repositories());
        assertEquals(Duration.ofDays(7), SettingsReader.since("7d"));
    }

    @Test
    void badInputIsOneSentenceNamingTheInput() {
        InputException e = assertThrows(InputException.class, () -> read(Input.PULL_FIELDS.envName(), "status, body"));
        assertTrue(e.getMessage().startsWith("The pull-fields input names an unknown field (\"body\")"), e.getMessage());
        e = assertThrows(InputException.class, () -> read(Input.PULL_SINCE.envName(), "yesterday"));
        assertTrue(e.getMessage().startsWith("The pull-since input must be a duration"), e.getMessage());
        assertThrows(InputException.class, () -> read(Input.PULL_SINCE.envName(), "365d"));
        e = assertThrows(InputException.class, () -> read(Input.REPOSITORIES.envName(), "just-a-name"));
        assertTrue(e.getMessage().startsWith("The repositories input"), e.getMessage());
        e = assertThrows(InputException.class, () -> read(Input.MODE.envName(), "pull", Input.GITHUB_TOKEN.envName(), ""));
        assertTrue(e.getMessage().contains("issues: write"), e.getMessage());
        e = assertThrows(InputException.class, () -> read(Input.MODE.envName(), "push"));
        assertEquals("The mode input must be sync, backfill, setup or pull.", e.getMessage());
    }

    @Test
    void statusMapReadBackwardsTakesTheFirstOfOpenNotPlannedAndClosed() throws Exception {
        PageMapping m = read(Input.STATUS_MAP.envName(), "merged=Done\nclosed=Done\nnot_planned=Won't do\ndraft=Draft")
                .mapping();
        assertEquals(Optional.of("closed"), m.stateOf("done"));
        assertEquals(Optional.of("not_planned"), m.stateOf("Won't do"));
        assertEquals(Optional.of("open"), m.stateOf("Open"));
        assertEquals(Optional.empty(), m.stateOf("Draft"), "draft is never set from Notion");
        assertEquals(Optional.empty(), m.stateOf("Closed"), "Closed is not the closed option here");
        PageMapping defaults = read().mapping();
        assertEquals(Optional.of("closed"), defaults.stateOf("Closed"));
        // Without its own option, not planned reads as closed's.
        assertEquals(Optional.empty(), defaults.stateOf("Not planned"));
    }

    @Test
    void peopleAreReadBackByIdWithOrWithoutDashes() throws Exception {
        PageMapping m = read(Input.NOTION_USER_MAP.envName(), "octocat=0f0e0d0c0b0a49098807060504030201").mapping();
        assertEquals(Optional.of("octocat"), m.loginOf("0f0e0d0c-0b0a-4909-8807-060504030201"));
        assertEquals(Optional.empty(), m.loginOf("11111111-0b0a-4909-8807-060504030201"));
    }
}
