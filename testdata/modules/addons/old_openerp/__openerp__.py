{
    "name": "Old-style manifest",
    "version": "17.0.2.1",
    "depends": ["base"],
}
