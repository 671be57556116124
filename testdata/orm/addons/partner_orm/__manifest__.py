{
    "name": "Partner ranks",
    "version": "17.0.1.1",
    "depends": ["base"],
    "license": "LGPL-3",
}
