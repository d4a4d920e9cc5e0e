"""The app's resources: the stylesheet, the icons, the app icon and the Linux `.desktop` file.

Shipped inside the wheel as `mlsquiz.resources` and found through `importlib.resources` (`mlsquiz.ui.assets`)."""
