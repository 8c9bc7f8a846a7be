package org.prcybr.notionsync.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskMentionsTest {
    @Test
    void titleBranchAndBodyInOrderCaseInsensitiveOnWordBoundaries() {
        assertEquals(List.of(42, 9, 43), TaskMentions.find("TASK", "Fix (TASK-42)", "feature/task-9-login",
                "See Task-43 and TASK-42 again; not XTASK-5, TASK-6x, TASK_7, TASK- or a sub-task-2."));
        assertEquals(List.of(11), TaskMentions.find("TASK", "", "bugfix-TASK-11", ""), "in a branch, a hyphen separates");
    }

    @Test
    void codeAndRawHtmlNeverCount() {
        assertEquals(List.of(1), TaskMentions.find("TASK", "", "",
                "TASK-1\n\n```\nTASK-2\n```\n\n    TASK-3 indented\n\nInline `TASK-4` and <code>x</code>\n\n<div>TASK-5</div>"));
    }

    @Test
    void atMost25AndNoneWithoutAPrefix() {
        String many = IntStream.rangeClosed(1, 40).mapToObj(n -> "T-" + n).collect(Collectors.joining(" "));
        assertEquals(25, TaskMentions.find("T", many, "", "").size());
        assertEquals(List.of(), TaskMentions.find("", "TASK-1", "", ""));
    }
}
