package dev.wharf.connect.plugins;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a class file that says what a class is: its name, access flags, superclass and
 * interfaces, read without loading the class. Scanning a plugin this way finds its plugin classes
 * without defining every class of every library it bundles.
 */
record ClassFileHeader(String name, int access, String superName, List<String> interfaces) {
  private static final int MAGIC = 0xCAFEBABE;
  private static final int ACC_PUBLIC = 0x0001;
  private static final int ACC_INTERFACE = 0x0200;
  private static final int ACC_ABSTRACT = 0x0400;
  private static final int ACC_ANNOTATION = 0x2000;
  private static final int ACC_ENUM = 0x4000;

  /** Whether this is a public class that can be instantiated (not abstract, interface or enum). */
  boolean isPublicConcreteClass() {
    return (access & ACC_PUBLIC) != 0
        && (access & (ACC_INTERFACE | ACC_ABSTRACT | ACC_ANNOTATION | ACC_ENUM)) == 0;
  }

  /** Reads the header of one class file; the stream is left positioned after the interfaces. */
  static ClassFileHeader read(InputStream classFile) throws IOException {
    DataInputStream in = new DataInputStream(classFile);
    if (in.readInt() != MAGIC) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int poolSize = in.readUnsignedShort();
    String[] utf8 = new String[poolSize];
    int[] classNameIndex = new int[poolSize];
    for (int i = 1; i < poolSize; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classNameIndex[i] = in.readUnsignedShort();
        case 8, 16, 19, 20 -> in.skipNBytes(2);
        case 15 -> in.skipNBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
        case 5, 6 -> {
          // Long and double constants take two slots of the constant pool.
          in.skipNBytes(8);
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    int access = in.readUnsignedShort();
    String name = className(utf8, classNameIndex, in.readUnsignedShort());
    String superName = className(utf8, classNameIndex, in.readUnsignedShort());
    int interfaceCount = in.readUnsignedShort();
    List<String> interfaces = new ArrayList<>(interfaceCount);
    for (int i = 0; i < interfaceCount; i++) {
      interfaces.add(className(utf8, classNameIndex, in.readUnsignedShort()));
    }
    return new ClassFileHeader(name, access, superName, List.copyOf(interfaces));
  }

  private static String className(String[] utf8, int[] classNameIndex, int classIndex)
      throws IOException {
    if (classIndex == 0) {
      return null; // java.lang.Object has no superclass
    }
    if (classIndex >= classNameIndex.length || utf8[classNameIndex[classIndex]] == null) {
      throw new IOException("malformed class reference " + classIndex);
    }
    return utf8[classNameIndex[classIndex]].replace('/', '.');
  }
}
