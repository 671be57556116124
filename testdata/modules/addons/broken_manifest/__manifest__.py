{
    "name": "Broken",
    "version": "17.0.1.0"
    "depends": ["base"],
}
