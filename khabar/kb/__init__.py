"""Knowledge bases: data files the package ships, with loaders that read each once per process."""
