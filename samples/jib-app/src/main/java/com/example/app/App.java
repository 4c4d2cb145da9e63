package com.example.app;

/** The application the sample puts into an image. */
public final class App {
  private App() {}

  public static void main(String[] args) {
    System.out.println("hello from the Waterline Jib sample");
  }
}
