print("archivar")
