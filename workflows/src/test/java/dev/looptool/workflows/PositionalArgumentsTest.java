package dev.looptool.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Records that cross Temporal are composed of small records, never long positional lists: no
 * constructor or method call in the workflows module takes more than eight arguments. Checked on
 * the parsed sources with the JDK's compiler tree API.
 */
class PositionalArgumentsTest {
  static final int MOST = 8;

  @Test
  void noCallInWorkflowCodeTakesMoreThanEightPositionalArguments() throws IOException {
    Path root =
        Path.of(System.getProperty("looptool.repo.root", "..")).resolve("workflows/src/main/java");
    List<Path> sources;
    try (Stream<Path> s = Files.walk(root)) {
      sources = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> tooLong = new ArrayList<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      JavacTask task =
          (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null, units);
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        LineMap lines = unit.getLineMap();
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void v) {
            check(call, call.getArguments().size());
            return super.visitMethodInvocation(call, v);
          }

          @Override
          public Void visitNewClass(NewClassTree call, Void v) {
            check(call, call.getArguments().size());
            return super.visitNewClass(call, v);
          }

          private void check(Tree call, int arguments) {
            if (arguments > MOST) {
              long line = lines.getLineNumber(positions.getStartPosition(unit, call));
              tooLong.add(
                  root.relativize(Path.of(unit.getSourceFile().toUri()))
                      + ":"
                      + line
                      + ": "
                      + arguments
                      + " arguments");
            }
          }
        }.scan(unit, null);
      }
    }
    assertEquals(List.of(), tooLong, "calls with more than " + MOST + " positional arguments");
  }
}
