package it.example;

/** The application Jib puts into the image. */
public final class App {
  private App() {}

  public static void main(String[] args) {
    System.out.println("hello from the jib-registry integration test");
  }
}
