package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

    @Test
    void deletesATreeAndNothingWhereThereIsNone(@TempDir Path dir) throws Exception {
        Path tree = dir.resolve("flink-tmp");
        Files.createDirectories(tree.resolve("tm_0/rocksdb"));
        Files.writeString(tree.resolve("tm_0/rocksdb/000001.sst"), "x");
        Files.writeString(dir.resolve("beside"), "kept");
        Directories.deleteTree(tree);
        assertThat(tree).doesNotExist();
        assertThat(dir.resolve("beside")).hasContent("kept");
        Directories.deleteTree(dir.resolve("none"));
        assertThat(dir.resolve("none")).doesNotExist();
    }
}
