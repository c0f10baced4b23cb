"""The liaison app's pages: liaison points and visits, mobile lectures, lecture requests."""
